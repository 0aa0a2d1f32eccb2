namespace Vrps.Interfaces.PassTypes;

/// <summary>A per-unit allowance over a rolling window: e.g. 72 hours per 14 days, or 10 passes per 30 days.</summary>
/// <param name="Kind">hours or passes.</param>
[Immutable]
public sealed record QuotaRule(string Kind, int Amount, int WindowDays);
