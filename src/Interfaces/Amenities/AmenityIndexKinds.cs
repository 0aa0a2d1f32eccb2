namespace Vrps.Interfaces.Amenities;

public static class AmenityIndexKinds
{
    public const string Amenity = "amenity";

    /// <summary>Booking records: key the booking id, parent the amenity id, tenant the customer id.</summary>
    public const string Booking = "booking";
}
