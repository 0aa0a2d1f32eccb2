namespace Vrps.Interfaces.Enforcement;

public sealed record CreateEnforcementCompany(string Name);
