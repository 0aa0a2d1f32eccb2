namespace Vrps.Interfaces.Reservations;

/// <summary>The guest journey of one reservation (G1): where it is, what happened, and what comes next.</summary>
[Immutable]
public sealed record JourneyView(
    Guid Id,
    Guid ReservationId,
    Guid CustomerId,
    Guid PropertyId,
    string Stage,
    IReadOnlyList<StageChange> Stages,
    IReadOnlyList<TouchpointEntry> Touchpoints,
    IReadOnlyList<ScheduledTouchpoint> Pending,
    ScheduledTouchpoint? NextTouchpoint,
    UpcomingStage? NextStage);
