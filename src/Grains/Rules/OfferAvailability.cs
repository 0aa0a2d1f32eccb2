using Vrps.Interfaces.Offers;

namespace Vrps.Grains.Rules;

/// <summary>
/// Whether an offer can be claimed right now and how many places it has left (R8): the offer grain refuses a claim
/// with these rules, and the visitor pages show them before anyone claims.
/// </summary>
public static class OfferAvailability
{
    /// <summary>Why an offer takes no claim at <paramref name="now"/> before its places are counted, or <see cref="OfferBlock.None"/>.</summary>
    public static OfferBlock BlockAt(string status, DateTimeOffset? expiresAt, DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        if (status is OfferStatuses.Revoked or OfferStatuses.Expired || (expiresAt is { } expires && expires <= now))
        {
            return OfferBlock.NotActive;
        }

        // The window's end is exclusive.
        return (startsAt is { } start && now < start) || (endsAt is { } end && now >= end) ? OfferBlock.OutsideWindow : OfferBlock.None;
    }

    /// <summary>Capacity less passes claimed and places held by claims under way; null when the offer has no cap.</summary>
    public static int? PlacesLeft(int? capacity, int claimed, int held) => capacity is { } cap ? Math.Max(0, cap - claimed - held) : null;

    /// <summary>Active, not expired, inside its claim window, and not full.</summary>
    public static bool ClaimableAt(OfferView offer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Status == OfferStatuses.Active
            && BlockAt(offer.Status, offer.ExpiresAt, offer.StartsAt, offer.EndsAt, now) == OfferBlock.None
            && PlacesLeft(offer) is not 0;
    }

    public static int? PlacesLeft(OfferView offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return PlacesLeft(offer.Capacity, offer.ClaimedCount, offer.PendingCount);
    }
}

public enum OfferBlock
{
    None,
    NotActive,
    OutsideWindow,
}
