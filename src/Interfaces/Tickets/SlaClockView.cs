namespace Vrps.Interfaces.Tickets;

/// <param name="Paused">Not counting now (on hold) though not finished.</param>
/// <param name="Stopped">Finished: responded (first response) or resolved/cancelled (resolution).</param>
/// <param name="WarningAt">When the warning fired, or when it will if nothing pauses the clock; null while paused.</param>
/// <param name="BreachAt">Likewise for the breach.</param>
[Immutable]
public sealed record SlaClockView(
    int TargetMinutes,
    double ElapsedMinutes,
    double RemainingMinutes,
    bool Paused,
    bool Stopped,
    DateTimeOffset? WarningAt,
    DateTimeOffset? BreachAt,
    bool Breached);
