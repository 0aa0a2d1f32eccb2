using Vrps.Interfaces.PassTypes;

namespace Vrps.Interfaces.Occupancy;

/// <summary>What a unit checks before it holds a place: its concurrent limit, and the pass type's quota if any.</summary>
[Immutable]
public sealed record UnitReservation(Guid PassId, Guid PassTypeId, Guid LotId, string Plate, DateTimeOffset StartsAt, DateTimeOffset EndsAt, QuotaRule? Quota);
