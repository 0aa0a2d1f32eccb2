namespace Vrps.Interfaces.ApiKeys;

[Immutable]
public sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Role,
    Guid? CustomerId,
    Guid? UserId,
    Guid? EnforcementCompanyId,
    Guid? ConsumerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
