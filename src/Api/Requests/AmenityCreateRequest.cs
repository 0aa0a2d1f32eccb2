using Vrps.Interfaces.Amenities;

namespace Vrps.Api.Requests;

/// <param name="OpeningHours">Weekday name → intervals of local "HH:mm" times in the property's timezone.</param>
/// <param name="SlotMinutes">Length of one bookable slot.</param>
/// <param name="CapacityPerSlot">Bookings that may share one slot (A3).</param>
/// <param name="BlackoutDates">Local dates on which nothing can be booked.</param>
public sealed record AmenityCreateRequest(
    [RequiredField] string? Name,
    [RequiredField] IReadOnlyDictionary<string, IReadOnlyList<OpeningInterval>>? OpeningHours,
    [RequiredField] int? SlotMinutes,
    [RequiredField] int? CapacityPerSlot,
    IReadOnlyList<DateOnly>? BlackoutDates,
    BookingRules? Rules);
