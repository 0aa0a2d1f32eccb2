using Vrps.Grains.Common;
using Vrps.Interfaces.Enforcement;

namespace Vrps.Grains.Enforcement;

/// <summary>A patrol company is not owned by a customer: its scopes may span customers, each granted by that customer.</summary>
public sealed class EnforcementCompanyState : EntityState
{
    public string Name { get; set; } = "";

    public List<EnforcementScope> Scopes { get; set; } = [];
}
