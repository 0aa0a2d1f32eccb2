namespace Vrps.Api.Requests;

public sealed record IssueDirectRequest(
    [RequiredWhen("Give consumerId, or the consumer's phone or email.")] string? Phone,
    [RequiredWhen("Give consumerId, or the consumer's phone or email.")] string? Email,
    [RequiredWhen("Give consumerId, or the consumer's phone or email.")] Guid? ConsumerId,
    [RequiredField] string? Plate);
