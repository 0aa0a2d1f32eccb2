namespace Vrps.Interfaces.ApiKeys;

/// <param name="SecretHash">SHA-256 of the secret part, hex; the secret itself is never stored.</param>
[Immutable]
public sealed record CreateApiKey(
    string SecretHash,
    string Name,
    string Role,
    Guid? CustomerId,
    Guid? UserId,
    Guid? EnforcementCompanyId,
    Guid? ConsumerId);
