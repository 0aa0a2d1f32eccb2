namespace Vrps.Interfaces.Amenities;

/// <summary>What the amenity takes from its property when it is created.</summary>
[Immutable]
public sealed record AmenityContext(Guid CustomerId, Guid PropertyId, string Timezone);
