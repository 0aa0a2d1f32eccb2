namespace Vrps.Interfaces.PassTypes;

/// <param name="RateStructure">free, flat, hourly, daily or monthly.</param>
[Immutable]
public sealed record Terms(string RateStructure, int AmountCents, DurationRule Duration, SeasonalRule? Seasonal, QuotaRule? Quota);
