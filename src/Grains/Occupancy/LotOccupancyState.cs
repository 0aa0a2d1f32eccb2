using Vrps.Interfaces.Occupancy;

namespace Vrps.Grains.Occupancy;

/// <summary>
/// Only the small, decision-critical part is stored: holds in flight and the last expirations. The active passes and
/// the plate index are rebuilt from the grain index on activation and kept current by pass events.
/// </summary>
public sealed class LotOccupancyState
{
    public Dictionary<Guid, DateTimeOffset> Holds { get; set; } = [];

    public List<PassSummary> RecentlyExpired { get; set; } = [];

    /// <summary>The last event of the lot's pass stream applied: a replayed one is skipped.</summary>
    public long LastPassSequence { get; set; }
}
