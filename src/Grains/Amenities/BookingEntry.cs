namespace Vrps.Grains.Amenities;

/// <summary>
/// A booking the amenity still has to decide about or close, as the amenity keeps it in memory; finished bookings
/// live on only as index rows. Rebuilt from the booking's index row (<see cref="BookingRow"/>) on activation.
/// </summary>
public sealed class BookingEntry
{
    public Guid UnitId { get; set; }

    public string Resident { get; set; } = "";

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    /// <summary>The local date of the start, which the unit quotas count against.</summary>
    public DateOnly LocalDate { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset? HoldExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The amenity's arrival counter when the booking was made: a waitlist is its bookings in this order (A4). Stored
    /// with the booking's row, so the order survives reactivation; creation times may tie, and a fake clock always ties.
    /// </summary>
    public long Arrival { get; set; }
}
