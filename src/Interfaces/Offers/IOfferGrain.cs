using Vrps.Interfaces.Occupancy;

namespace Vrps.Interfaces.Offers;

public interface IOfferGrain : IGrainWithGuidKey
{
    Task<OfferView> InitializeAsync(CreateOffer command, OfferContext context, Actor actor);

    [ReadOnly]
    Task<OfferView> GetAsync();

    /// <summary>
    /// Holds one place for <paramref name="passId"/> if the offer is active, in its window, the authorization matches
    /// and a place is free. Idempotent per pass id. Refusals, returned in <see cref="OfferReservation.Refused"/> rather
    /// than thrown: offer_not_active, outside_claim_window, code_invalid, offer_exhausted.
    /// </summary>
    Task<OfferReservation> ReserveAsync(Guid passId, ClaimAuthorization authorization);

    /// <summary>Gives a held place back (a later step of the claim refused).</summary>
    Task CancelReservationAsync(Guid passId);

    /// <summary>
    /// The claim that held a place here issued its pass: the place becomes the pass's. Applied only while the place is
    /// still held, so a repeat does nothing. One-way: the claim's reply never waits for it, and if it is lost the hold's
    /// lapse asks the pass grain and does the same work.
    /// </summary>
    [OneWay]
    Task ConfirmAsync(PassLifecycle issued);

    Task<OfferView> RevokeAsync(Actor actor);

    /// <summary>A new claim code; the old one stops working at once.</summary>
    Task<OfferView> RotateCodeAsync(Actor actor);
}
