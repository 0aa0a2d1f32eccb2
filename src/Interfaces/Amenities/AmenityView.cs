namespace Vrps.Interfaces.Amenities;

[Immutable]
public sealed record AmenityView(
    Guid Id,
    Guid PropertyId,
    Guid CustomerId,
    string Name,
    string Timezone,
    IReadOnlyDictionary<string, IReadOnlyList<OpeningInterval>> OpeningHours,
    int SlotMinutes,
    int CapacityPerSlot,
    IReadOnlyList<DateOnly> BlackoutDates,
    BookingRules Rules,
    DateTimeOffset CreatedAt);
