namespace Vrps.Interfaces.Reservations;

public sealed record TouchpointFired(Guid Id, Guid ReservationId, Guid CustomerId, Guid PropertyId, TouchpointEntry Touchpoint);
