namespace Vrps.Interfaces.Reservations;

public sealed record UpcomingStage(string Stage, DateTimeOffset At);
