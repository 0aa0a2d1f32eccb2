using Vrps.Interfaces.Offers;

namespace Vrps.Grains.Rules;

/// <summary>
/// Whether an offer can be claimed right now and how many places it has left (R8), as a visitor is shown them before
/// claiming. The claim itself is still decided by the offer grain; this only says what the visitor may try.
/// </summary>
public static class OfferAvailability
{
    /// <summary>Active, not expired, inside its claim window (its end is exclusive), and not full.</summary>
    public static bool ClaimableAt(OfferView offer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Status == OfferStatuses.Active
            && (offer.ExpiresAt is not { } expires || now < expires)
            && (offer.StartsAt is not { } start || now >= start)
            && (offer.EndsAt is not { } end || now < end)
            && PlacesLeft(offer) is not 0;
    }

    /// <summary>Capacity less passes claimed and places held by claims under way; null when the offer has no cap.</summary>
    public static int? PlacesLeft(OfferView offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Capacity is { } capacity ? Math.Max(0, capacity - offer.ClaimedCount - offer.PendingCount) : null;
    }
}
