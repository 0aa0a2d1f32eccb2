namespace Vrps.Interfaces;

/// <summary>
/// A refusal by a domain rule. <see cref="Code"/> is stable and machine-readable; <see cref="Kind"/> says what sort of
/// refusal it is, and the API maps kinds to HTTP statuses in one place when it writes the RFC 9457 problem.
/// </summary>
/// <remarks>Serialized by Orleans' generated codec, so a refusal keeps its code and status when it crosses silos.</remarks>
[GenerateSerializer]
[Alias("Vrps.DomainException")]
public sealed class DomainException(
    string code, string message, DomainErrorKind kind = DomainErrorKind.Refused, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    [Id(0)]
    public string Code { get; } = code;

    [Id(1)]
    public DomainErrorKind Kind { get; } = kind;

    [Id(2)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static DomainException NotFound(string what, Guid id) => new("not_found", $"{what} {id} does not exist.", DomainErrorKind.NotFound);

    public static DomainException Validation(string field, string message) =>
        new("validation_failed", message, DomainErrorKind.Invalid, new Dictionary<string, string[]> { [field] = [message] });
}
