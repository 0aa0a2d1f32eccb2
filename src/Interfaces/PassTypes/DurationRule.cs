namespace Vrps.Interfaces.PassTypes;

/// <param name="Kind">minutes, hours, days (fixed, with <paramref name="Value"/>), end_of_day (local midnight) or calendar_month (end of the local month).</param>
[Immutable]
public sealed record DurationRule(string Kind, int? Value);
