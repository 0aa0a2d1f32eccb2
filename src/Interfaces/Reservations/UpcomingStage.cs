namespace Vrps.Interfaces.Reservations;

[Immutable]
public sealed record UpcomingStage(string Stage, DateTimeOffset At);
