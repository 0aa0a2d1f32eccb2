using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Offers;

namespace Vrps.Grains.Rules;

/// <summary>
/// How an offer fits its lot (R8), checked when the offer is created and again when it is claimed (the lot's mode may
/// have changed since): one rule, two callers that word the refusal for their moment.
/// </summary>
public static class OfferRules
{
    /// <summary>Open offers are for anyone who scans the lot's code, so only a lot open to the public may have one.</summary>
    public static bool OpenOfferAllowedAt(string offerKind, string lotMode) =>
        offerKind != OfferKinds.Open || lotMode != LotModes.Private;

    /// <summary>A pass type is defined on one lot; an offer of another lot may not hand it out.</summary>
    public static bool PassTypeBelongsToLot(Guid passTypeLotId, Guid lotId) => passTypeLotId == lotId;
}
