
namespace Vrps.Interfaces.Enforcement;

public interface IEnforcementCompanyGrain : IGrainWithGuidKey
{
    Task<EnforcementCompanyView> CreateAsync(CreateEnforcementCompany command, Actor actor);

    [ReadOnly]
    Task<EnforcementCompanyView> GetAsync();

    /// <summary>Scopes the company to a property, optionally narrowed to some of its lots (R14).</summary>
    Task<EnforcementCompanyView> GrantPropertyAsync(EnforcementScope scope, Actor actor);

    Task<EnforcementCompanyView> RevokePropertyAsync(Guid propertyId, Actor actor);
}
