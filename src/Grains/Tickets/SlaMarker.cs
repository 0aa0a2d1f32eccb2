namespace Vrps.Grains.Tickets;

/// <summary>A threshold of a clock that a reminder fires at: a warning, a breach or an escalation level.</summary>
/// <param name="Name">The reminder name, stable per threshold so re-setting it moves the one reminder.</param>
internal sealed record SlaMarker(string Name, string Clock, string Kind, SlaTimer Timer, TimeSpan Target, int? Level, string? EscalationTarget);
