namespace Vrps.Interfaces.Occupancy;

/// <summary>What a patrol needs about a pass, kept in the lot's in-memory plate index.</summary>
[Immutable]
public sealed record PassSummary(Guid PassId, string Plate, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? EndedAt, Guid? UnitId);
