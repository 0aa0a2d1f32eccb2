namespace Vrps.Interfaces.Tickets;

/// <param name="CategoryPattern">"PC-PLUMBING", "PC-*" or "*"; the most specific match wins.</param>
/// <param name="Priority">A priority, or "*" for any.</param>
/// <param name="BusinessHours">Null or empty: the clocks count every minute.</param>
[Immutable]
public sealed record SlaRule(
    string CategoryPattern,
    string Priority,
    int FirstResponseMinutes,
    int ResolutionMinutes,
    int WarningPercent,
    IReadOnlyList<SlaBusinessHours>? BusinessHours,
    IReadOnlyList<SlaEscalation> Escalations);
