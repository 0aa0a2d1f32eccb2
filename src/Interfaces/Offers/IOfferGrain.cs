
namespace Vrps.Interfaces.Offers;

public interface IOfferGrain : IGrainWithGuidKey
{
    Task<OfferView> InitializeAsync(CreateOffer command, OfferContext context, Actor actor);

    [ReadOnly]
    Task<OfferView> GetAsync();

    /// <summary>
    /// Holds one place for <paramref name="passId"/> if the offer is active, in its window, the authorization matches
    /// and a place is free. Idempotent per pass id. Refusals: offer_not_active, outside_claim_window, code_invalid,
    /// offer_exhausted.
    /// </summary>
    Task<OfferReservation> ReserveAsync(Guid passId, ClaimAuthorization authorization);

    /// <summary>Gives a held place back (a later step of the claim refused).</summary>
    Task CancelReservationAsync(Guid passId);

    Task<OfferView> RevokeAsync(Actor actor);

    /// <summary>A new claim code; the old one stops working at once.</summary>
    Task<OfferView> RotateCodeAsync(Actor actor);
}
