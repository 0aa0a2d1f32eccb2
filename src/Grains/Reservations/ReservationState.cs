using Vrps.Grains.Common;
using Vrps.Interfaces.Reservations;

namespace Vrps.Grains.Reservations;

public sealed class ReservationState : EntityState
{
    public Guid PropertyId { get; set; }

    public string GuestName { get; set; } = "";

    public string? GuestEmail { get; set; }

    public string? GuestPhone { get; set; }

    public DateTimeOffset CheckIn { get; set; }

    public DateTimeOffset CheckOut { get; set; }

    public string Channel { get; set; } = "";

    public string Timezone { get; set; } = "UTC";

    public string Stage { get; set; } = JourneyStages.Booked;

    public List<StageChange> Stages { get; set; } = [];

    public DateTimeOffset? CheckedInAt { get; set; }

    public DateTimeOffset? CheckedOutAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public ReservationReview? Review { get; set; }

    /// <summary>Touchpoints not yet fired, earliest first; the touchpoint reminder is always due at the first.</summary>
    public List<ScheduledTouchpoint> Pending { get; set; } = [];

    /// <summary>Fired and manual touchpoints, oldest first, bounded (the oldest fall off).</summary>
    public List<TouchpointEntry> Log { get; set; } = [];
}
