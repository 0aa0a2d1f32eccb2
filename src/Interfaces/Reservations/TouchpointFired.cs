namespace Vrps.Interfaces.Reservations;

[Immutable]
public sealed record TouchpointFired(Guid Id, Guid ReservationId, Guid CustomerId, Guid PropertyId, TouchpointEntry Touchpoint);
