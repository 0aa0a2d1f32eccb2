namespace Vrps.Api.Requests;

/// <param name="Role">platform_admin, operator, manager, enforcement or consumer.</param>
/// <param name="CustomerId">For operator keys.</param>
/// <param name="UserId">For manager keys: the operator user who manages units.</param>
/// <param name="EnforcementCompanyId">For enforcement keys.</param>
/// <param name="ConsumerId">For consumer keys.</param>
public sealed record CreateApiKeyRequest(string? Name, string? Role, Guid? CustomerId, Guid? UserId, Guid? EnforcementCompanyId, Guid? ConsumerId);
