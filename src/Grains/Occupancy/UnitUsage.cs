namespace Vrps.Grains.Occupancy;

/// <summary>One pass's use of a unit's quota: its plate, lot, pass type and time (the end moves back on early cancel).</summary>
public sealed record UnitUsage(Guid PassId, Guid PassTypeId, Guid LotId, string Plate, DateTimeOffset Start, DateTimeOffset End);
