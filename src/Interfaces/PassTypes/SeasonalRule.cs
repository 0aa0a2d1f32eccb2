namespace Vrps.Interfaces.PassTypes;

/// <param name="Weekdays">Lower-case English day names (monday …), in the property's timezone.</param>
[Immutable]
public sealed record SeasonalRule(IReadOnlyList<DateRange>? DateRanges, IReadOnlyList<string>? Weekdays);
