using Vrps.Grains.Common;

namespace Vrps.Grains.Offers;

/// <summary>Counters and what claim decisions need; issued passes live in their own grains, not here.</summary>
public sealed class OfferState : EntityState
{
    public Guid LotId { get; set; }

    public Guid PropertyId { get; set; }

    public Guid PassTypeId { get; set; }

    public Guid? UnitId { get; set; }

    public string Kind { get; set; } = "";

    public string Status { get; set; } = "";

    public int? Capacity { get; set; }

    public int ClaimedCount { get; set; }

    /// <summary>Places held for claims in flight: pass id → when the hold lapses.</summary>
    public Dictionary<Guid, DateTimeOffset> Holds { get; set; } = [];

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? Code { get; set; }

    public string? ShareToken { get; set; }
}
