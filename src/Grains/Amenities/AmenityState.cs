using System.Text.Json.Serialization;
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

    /// <summary>
    /// Only in states written before bookings moved out of the amenity's state (issue 13): the open bookings. An
    /// activation that finds them writes each one's row with its arrival order and drops them; never written again.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<Guid, BookingEntry>? Bookings { get; set; }

    /// <summary>Only in states written before issue 13, with <see cref="Bookings"/>: each slot's waitlist in arrival order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<long, SlotEntry>? Slots { get; set; }

    /// <summary>
    /// Bookings per unit and local date ("unit:yyyy-MM-dd"), for the quotas; pruned after a few weeks. Counted only when
    /// the amenity has a quota (its rules never change), so an amenity without one keeps nothing per unit.
    /// </summary>
    public Dictionary<string, int> UnitDays { get; set; } = [];

    /// <summary>When the one lifecycle reminder is due, so a turn that does not move it does not rewrite it.</summary>
    public DateTimeOffset? NextTickAt { get; set; }
}
