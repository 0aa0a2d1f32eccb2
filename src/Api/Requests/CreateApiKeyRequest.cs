namespace Vrps.Api.Requests;

/// <param name="Role">platform_admin, operator, manager, enforcement or consumer.</param>
/// <param name="CustomerId">For operator keys.</param>
/// <param name="UserId">For manager keys: the operator user who manages units.</param>
/// <param name="EnforcementCompanyId">For enforcement keys.</param>
/// <param name="ConsumerId">For consumer keys.</param>
public sealed record CreateApiKeyRequest(
    string? Name,
    [RequiredField] string? Role,
    [RequiredWhen("Required for operator keys.")] Guid? CustomerId,
    [RequiredWhen("Required for manager keys: the operator user who manages units.")] Guid? UserId,
    [RequiredWhen("Required for enforcement keys.")] Guid? EnforcementCompanyId,
    [RequiredWhen("Required for consumer keys.")] Guid? ConsumerId);
