namespace Vrps.Interfaces;

/// <summary>
/// A refusal by a domain rule. <see cref="Code"/> is stable and machine-readable; the API turns it into an RFC 9457
/// problem with <see cref="Status"/>.
/// </summary>
public sealed class DomainException(string code, string message, int status = 422, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static DomainException NotFound(string what, Guid id) => new("not_found", $"{what} {id} does not exist.", 404);

    public static DomainException Validation(string field, string message) =>
        new("validation_failed", message, 400, new Dictionary<string, string[]> { [field] = [message] });
}
