namespace Vrps.Interfaces.Reservations;

/// <summary>A stage the journey entered; <see cref="Cause"/> is "time" (a reminder) or the event that moved it.</summary>
[Immutable]
public sealed record StageChange(string From, string To, DateTimeOffset At, string Cause);
