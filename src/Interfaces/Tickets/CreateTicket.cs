namespace Vrps.Interfaces.Tickets;

/// <param name="Timezone">The property's IANA zone: business hours are read in it.</param>
[Immutable]
public sealed record CreateTicket(
    Guid CustomerId,
    Guid PropertyId,
    string Timezone,
    string Category,
    string Priority,
    string Title,
    string? Description,
    Guid? UnitId,
    Guid? AmenityId,
    Guid? LotId,
    Guid? ReservationId,
    string? Reporter);
