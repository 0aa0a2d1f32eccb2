namespace Vrps.Api.Requests;

/// <param name="Key">The key itself: shown in this response only, never again.</param>
public sealed record ApiKeyCreated(
    Guid Id,
    string Name,
    string Role,
    Guid? CustomerId,
    Guid? UserId,
    Guid? EnforcementCompanyId,
    Guid? ConsumerId,
    DateTimeOffset CreatedAt,
    string Key);
