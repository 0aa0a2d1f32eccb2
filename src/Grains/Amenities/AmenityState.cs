using Vrps.Grains.Common;
using Vrps.Interfaces.Amenities;

namespace Vrps.Grains.Amenities;

public sealed class AmenityState : EntityState
{
    public Guid PropertyId { get; set; }

    public string Name { get; set; } = "";

    public string Timezone { get; set; } = "";

    public Dictionary<string, List<OpeningInterval>> OpeningHours { get; set; } = [];

    public int SlotMinutes { get; set; }

    public int CapacityPerSlot { get; set; }

    public List<DateOnly> BlackoutDates { get; set; } = [];

    public BookingRules Rules { get; set; } = new(null, null, null, null, null, false, 15, false);

    /// <summary>Bookings not yet final, by id.</summary>
    public Dictionary<Guid, BookingEntry> Bookings { get; set; } = [];

    /// <summary>Slots with places taken or a waitlist, by start in unix milliseconds; pruned once they end.</summary>
    public Dictionary<long, SlotEntry> Slots { get; set; } = [];

    /// <summary>Bookings per unit and local date ("unit:yyyy-MM-dd"), for the quotas; pruned after a few weeks.</summary>
    public Dictionary<string, int> UnitDays { get; set; } = [];

    /// <summary>When the one lifecycle reminder is due, so a turn that does not move it does not rewrite it.</summary>
    public DateTimeOffset? NextTickAt { get; set; }
}
