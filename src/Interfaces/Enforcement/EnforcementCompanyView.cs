namespace Vrps.Interfaces.Enforcement;

public sealed record EnforcementCompanyView(Guid Id, string Name, IReadOnlyList<EnforcementScope> Scopes, DateTimeOffset CreatedAt);
