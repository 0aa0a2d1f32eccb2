namespace Vrps.Grains.Amenities;

/// <summary>A booking the amenity still has to decide about or close; finished bookings live on only as index rows.</summary>
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
}
