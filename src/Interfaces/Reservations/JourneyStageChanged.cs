namespace Vrps.Interfaces.Reservations;

public sealed record JourneyStageChanged(Guid Id, Guid ReservationId, Guid CustomerId, Guid PropertyId, string From, string To, DateTimeOffset At, string Cause);
