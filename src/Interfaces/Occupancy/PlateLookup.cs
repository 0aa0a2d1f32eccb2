namespace Vrps.Interfaces.Occupancy;

/// <param name="Reason">active, grace_period, expired, suspended, revoked, cancelled or no_pass.</param>
/// <param name="GraceUntil">When the lot's grace period after the pass's end runs out.</param>
[Immutable]
public sealed record PlateLookup(bool Authorized, string Reason, string Plate, Guid LotId, PassSummary? Pass, DateTimeOffset? GraceUntil);
