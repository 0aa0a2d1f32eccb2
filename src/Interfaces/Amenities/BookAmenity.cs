namespace Vrps.Interfaces.Amenities;

/// <param name="BookingId">Chosen by the caller, so the booking's id is known before the amenity decides.</param>
[Immutable]
public sealed record BookAmenity(Guid BookingId, Guid UnitId, string? Resident, DateTimeOffset Start, DateTimeOffset End);
