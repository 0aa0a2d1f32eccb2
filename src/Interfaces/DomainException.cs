namespace Vrps.Interfaces;

/// <summary>
/// A refusal by a domain rule. <see cref="Code"/> is stable and machine-readable; the API turns it into an RFC 9457
/// problem with <see cref="Status"/>.
/// </summary>
/// <remarks>Serialized by Orleans' generated codec, so a refusal keeps its code and status when it crosses silos.</remarks>
[GenerateSerializer]
[Alias("Vrps.DomainException")]
public sealed class DomainException(string code, string message, int status = 422, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    [Id(0)]
    public string Code { get; } = code;

    [Id(1)]
    public int Status { get; } = status;

    [Id(2)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static DomainException NotFound(string what, Guid id) => new("not_found", $"{what} {id} does not exist.", 404);

    public static DomainException Validation(string field, string message) =>
        new("validation_failed", message, 400, new Dictionary<string, string[]> { [field] = [message] });
}
