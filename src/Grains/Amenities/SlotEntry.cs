namespace Vrps.Grains.Amenities;

/// <summary>One slot's decision data: places taken, and the bookings starting here that wait, in arrival order (A4).</summary>
public sealed class SlotEntry
{
    public int Taken { get; set; }

    public List<Guid> Waitlist { get; set; } = [];
}
