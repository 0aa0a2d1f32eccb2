namespace Vrps.Grains.Amenities;

/// <summary>
/// What an amenity decides on, kept in memory only: its bookings not yet final and, per slot, places taken and the
/// waitlist. None of it is in the amenity's stored state, which a write rewrites whole (brief §3: state that grows with
/// the waitlist lives in rows); each booking's index row, written in the commit of the decision that moved it, is the
/// durable record, and <see cref="AmenitySchedule.Restore"/> rebuilds this from those rows on activation.
/// </summary>
internal sealed class OpenBookings
{
    /// <summary>Bookings not yet final, by id.</summary>
    public Dictionary<Guid, BookingEntry> Bookings { get; } = [];

    /// <summary>Slots with places taken or a waitlist, by start in unix milliseconds; pruned once they end.</summary>
    public Dictionary<long, SlotEntry> Slots { get; } = [];

    /// <summary>The arrival number the next booking gets: above every open booking's.</summary>
    public long NextArrival { get; set; } = 1;

    /// <summary>The earliest deadline of the open bookings, while <see cref="DeadlineKnown"/>.</summary>
    public DateTimeOffset? NextDeadline { get; set; }

    /// <summary>
    /// False once a booking's deadline moved later or it left, so the minimum has to be found again; a booking that
    /// only adds a deadline keeps it known, so a burst of new bookings does not rescan every open one.
    /// </summary>
    public bool DeadlineKnown { get; set; }

    /// <summary>The UTC date the quota counters were last pruned on: once a day is enough.</summary>
    public DateOnly? QuotaPrunedOn { get; set; }
}
