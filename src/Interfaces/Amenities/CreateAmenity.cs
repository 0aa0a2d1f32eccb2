namespace Vrps.Interfaces.Amenities;

/// <param name="OpeningHours">Weekday name (monday … sunday) → opening intervals, in the property's timezone.</param>
/// <param name="BlackoutDates">Local dates on which nothing can be booked.</param>
[Immutable]
public sealed record CreateAmenity(
    string? Name,
    IReadOnlyDictionary<string, IReadOnlyList<OpeningInterval>>? OpeningHours,
    int? SlotMinutes,
    int? CapacityPerSlot,
    IReadOnlyList<DateOnly>? BlackoutDates,
    BookingRules? Rules);
