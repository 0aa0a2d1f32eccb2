namespace Vrps.Interfaces.Amenities;

public sealed record AmenityAvailability(Guid AmenityId, Guid PropertyId, IReadOnlyList<SlotAvailability> Slots);
