
namespace Vrps.Interfaces.Amenities;

/// <summary>
/// An amenity and the single judge of its slots (A3, A4): every booking decision for its slots runs in its turns.
/// </summary>
public interface IAmenityGrain : IGrainWithGuidKey
{
    Task<AmenityView> InitializeAsync(CreateAmenity command, AmenityContext context, Actor actor);

    /// <summary>
    /// The amenity's settings. They change only at creation, so this answers at once even while thousands of bookings
    /// wait in the amenity's queue (every API call on an amenity reads it first, for the access check).
    /// </summary>
    [AlwaysInterleave]
    Task<AmenityView> GetAsync();

    [ReadOnly]
    Task<AmenityAvailability> AvailabilityAsync(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// Confirms, holds for approval, or waitlists a booking. Refusals: outside_opening_hours, blackout, too_soon,
    /// too_far_ahead, too_long, unit_quota_reached (422); misaligned times (400). Idempotent per booking id.
    /// </summary>
    Task<BookingView> BookAsync(BookAmenity command, Actor actor);

    /// <summary>The live view of a booking still tracked by the amenity (accurate waitlist position), or null.</summary>
    [ReadOnly]
    Task<BookingView?> FindBookingAsync(Guid bookingId);

    Task<BookingView> CancelAsync(Guid bookingId, Actor actor);

    Task<BookingView> ApproveAsync(Guid bookingId, Actor actor);

    Task<BookingView> RejectAsync(Guid bookingId, Actor actor);

    Task<BookingView> CheckInAsync(Guid bookingId, Actor actor);

    Task<BookingView> ConfirmHoldAsync(Guid bookingId, Actor actor);
}
