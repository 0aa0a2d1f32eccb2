namespace Vrps.Interfaces.Amenities;

[Immutable]
public sealed record AmenityAvailability(Guid AmenityId, Guid PropertyId, IReadOnlyList<SlotAvailability> Slots);
