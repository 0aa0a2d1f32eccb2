namespace Vrps.Interfaces.Enforcement;

[Immutable]
public sealed record CreateEnforcementCompany(string Name);
