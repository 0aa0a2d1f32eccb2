namespace Vrps.Interfaces.Offers;

/// <param name="Capacity">Most passes the offer will ever issue; null for no cap (not allowed for group offers).</param>
[Immutable]
public sealed record CreateOffer(
    Guid OfferId,
    string Kind,
    Guid PassTypeId,
    Guid? UnitId,
    int? Capacity,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? ExpiresAt);
