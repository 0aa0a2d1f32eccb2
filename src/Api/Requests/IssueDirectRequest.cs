namespace Vrps.Api.Requests;

public sealed record IssueDirectRequest(string? Phone, string? Email, Guid? ConsumerId, string? Plate);
