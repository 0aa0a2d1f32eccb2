namespace Vrps.Interfaces.Reservations;

[Immutable]
public sealed record JourneyStageChanged(Guid Id, Guid ReservationId, Guid CustomerId, Guid PropertyId, string From, string To, DateTimeOffset At, string Cause);
