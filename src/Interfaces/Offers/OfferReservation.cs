namespace Vrps.Interfaces.Offers;

/// <summary>A place held on the offer for one pass id until the pass is issued or the hold lapses; or, when <paramref name="Refused"/> is set, why none was held.</summary>
[Immutable]
public sealed record OfferReservation(Guid PassId, OfferView Offer, Refusal? Refused = null);
