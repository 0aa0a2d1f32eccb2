using Vrps.Grains.Common;
using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

/// <summary>A ticket's current state only; its activity log lives in index rows so this stays a fixed, small size.</summary>
public sealed class TicketState : EntityState
{
    public Guid PropertyId { get; set; }

    public string Timezone { get; set; } = "UTC";

    public Guid? UnitId { get; set; }

    public Guid? AmenityId { get; set; }

    public Guid? LotId { get; set; }

    public Guid? ReservationId { get; set; }

    public string Category { get; set; } = "";

    public string Priority { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string? Reporter { get; set; }

    public string? Assignee { get; set; }

    public string Status { get; set; } = "";

    public SlaRule Policy { get; set; } = SlaRules.Default("normal");

    public SlaTimer FirstResponse { get; set; } = new();

    public SlaTimer Resolution { get; set; } = new();

    public List<int> EscalatedLevels { get; set; } = [];

    public DateTimeOffset? RespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The last activity entry's sequence number; entries are index rows keyed by it.</summary>
    public int ActivityCount { get; set; }
}
