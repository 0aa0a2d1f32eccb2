namespace Vrps.Interfaces.Offers;

/// <summary>A place held on the offer for one pass id until the pass is issued or the hold lapses.</summary>
[Immutable]
public sealed record OfferReservation(Guid PassId, OfferView Offer);
