namespace Vrps.Interfaces.Enforcement;

/// <param name="LotIds">Null: every lot of the property (R14).</param>
[Immutable]
public sealed record EnforcementScope(Guid PropertyId, Guid CustomerId, IReadOnlyList<Guid>? LotIds);
