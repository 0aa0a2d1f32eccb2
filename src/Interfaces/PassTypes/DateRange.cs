namespace Vrps.Interfaces.PassTypes;

/// <summary>Inclusive local dates, e.g. 2026-06-01 to 2026-08-31.</summary>
[Immutable]
public sealed record DateRange(DateOnly From, DateOnly To);
