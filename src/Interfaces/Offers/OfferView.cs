namespace Vrps.Interfaces.Offers;

/// <param name="Code">Claim-code offers only; rotating replaces it.</param>
/// <param name="ShareToken">Group offers only: the unguessable token of the share link.</param>
[Immutable]
public sealed record OfferView(
    Guid Id,
    Guid LotId,
    Guid PropertyId,
    Guid CustomerId,
    Guid PassTypeId,
    Guid? UnitId,
    string Kind,
    string Status,
    int? Capacity,
    int ClaimedCount,
    int PendingCount,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? ExpiresAt,
    string? Code,
    string? ShareToken,
    DateTimeOffset CreatedAt);
