namespace Vrps.Interfaces.Reservations;

/// <summary>A touchpoint of the journey not yet fired, with the instant its reminder is due.</summary>
[Immutable]
public sealed record ScheduledTouchpoint(string Type, string Channel, int OffsetMinutes, string RelativeTo, DateTimeOffset DueAt);
