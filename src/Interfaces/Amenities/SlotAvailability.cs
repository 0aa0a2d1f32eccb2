namespace Vrps.Interfaces.Amenities;

/// <param name="Confirmed">Places taken: confirmed, pending approval, held for the waitlist, or checked in.</param>
/// <param name="Waitlisted">Bookings waiting for a place that starts in this slot.</param>
[Immutable]
public sealed record SlotAvailability(DateTimeOffset Start, DateTimeOffset End, int Capacity, int Confirmed, int Remaining, int Waitlisted);
