namespace Vrps.Interfaces.Enforcement;

[Immutable]
public sealed record EnforcementCompanyView(Guid Id, string Name, IReadOnlyList<EnforcementScope> Scopes, DateTimeOffset CreatedAt);
