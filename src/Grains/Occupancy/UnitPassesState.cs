namespace Vrps.Grains.Occupancy;

/// <summary>Bounded by the unit's limit and its quota window, so the state stays small.</summary>
public sealed class UnitPassesState
{
    public Dictionary<Guid, DateTimeOffset> Holds { get; set; } = [];

    /// <summary>What each hold would use of the quota, counted while the claim is in flight.</summary>
    public Dictionary<Guid, UnitUsage> HeldUsage { get; set; } = [];

    /// <summary>The last event of the unit's pass stream applied: a replayed one is skipped.</summary>
    public long LastPassSequence { get; set; }

    public HashSet<Guid> Active { get; set; } = [];

    public List<UnitUsage> Usage { get; set; } = [];
}
