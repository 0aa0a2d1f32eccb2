namespace Vrps.Interfaces.Offers;

/// <summary>Where an offer sits in the tree; checked by the caller before the offer is created.</summary>
[Immutable]
public sealed record OfferContext(Guid CustomerId, Guid PropertyId, Guid LotId, string Timezone);
