namespace Vrps.Api.Requests;

/// <summary>The key making the request, as a page or an integrator needs it to find its way: its role and bindings.</summary>
/// <param name="ManagedUnitIds">For a manager key, the units its user manages (empty for other roles).</param>
public sealed record CurrentApiKey(
    Guid Id,
    string Role,
    Guid? CustomerId,
    Guid? UserId,
    Guid? EnforcementCompanyId,
    Guid? ConsumerId,
    IReadOnlyList<Guid> ManagedUnitIds);
