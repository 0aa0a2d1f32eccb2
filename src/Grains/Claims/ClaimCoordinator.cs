using Vrps.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Claims;
using Vrps.Interfaces.Consumers;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.PassTypes;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.Properties;
using Vrps.Grains.Passes;
using Vrps.Postgres.Index;
using Vrps.Postgres.Storage;

namespace Vrps.Grains.Claims;

/// <summary>
/// The claim protocol (R9, R11). The offer, then the unit, hold a place for the pass id in a short turn of their own;
/// then the lot decides the last place and issues the pass in the same commit, locking the active terms
/// (<see cref="ILotOccupancyGrain.IssueAsync"/>). A refusal gives back the places already held. A crash anywhere
/// leaves holds that lapse by deadline and are settled by asking the pass grain: the pass was issued (its row is
/// stored), or it is voided now for good, and a lot's write of that pass then fails. Nothing is oversold, nothing leaks.
/// This class keeps no state; every guarantee lives in the grains and Postgres.
/// </summary>
public sealed class ClaimCoordinator(
    IGrainFactory grains, GrainIndex index, GrainStates states, [FromKeyedServices(BusinessTime.Key)] TimeProvider time, IOptions<PassOptions> options)
{
    private const int MaxRememberedShareTokens = 100_000;
    private const int MaxRememberedOffers = 100_000;
    private readonly ConcurrentDictionary<string, Guid> shareTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, OfferPlaces> offerPlaces = new();

    /// <summary>Claims a pass; every refusal is thrown as a <see cref="DomainException"/>.</summary>
    public async Task<ClaimResult> ClaimAsync(ClaimRequest request, ClaimAuthorization? directAuthorization = null)
    {
        var outcome = await TryClaimAsync(request, directAuthorization);
        return outcome.Claimed ?? throw outcome.Refused!.ToException();
    }

    /// <summary>
    /// Claims a pass; the offer's refusal (the usual one in a burst: the offer ran out) comes back as a value, because
    /// an exception thrown up through the API's middleware costs more than the refused claim itself. Other refusals
    /// are still thrown.
    /// </summary>
    public async Task<ClaimOutcome> TryClaimAsync(ClaimRequest request, ClaimAuthorization? directAuthorization = null)
    {
        var plate = Plates.Normalize(request.Plate);
        var (offerId, authorization) = directAuthorization is null
            ? await ResolveOfferAsync(request)
            : (request.OfferId ?? throw DomainException.Validation("offerId", "offerId is required."), directAuthorization);
        var consumerIdentity = ConsumerIdentityRules.OfClaim(request.ConsumerId, request.Phone, request.Email);
        // A keyed claim's pass id comes from its key and its caller, an unkeyed one's is new: either way no activation
        // of the pass can have read it, so the lot may write the pass's first state without activating it.
        var passId = request.IdempotencyKey is { } key
            ? ClaimPassIds.For(offerId, request.Issuer, key, plate, request.ConsumerId, consumerIdentity)
            : Guid.NewGuid();

        // Only a keyed claim can be a replay. Its stored row is looked up without activating the pass, so that a
        // first claim under this key still finds no activation in its way.
        if (request.IdempotencyKey is not null && await StoredPassAsync(passId) is { } existing)
        {
            return new ClaimOutcome(new ClaimResult(existing, Replayed: true), null);
        }

        // The offer decides first and the terms are checked next, so a refused claim leaves nothing behind. Then the
        // consumer (a new person's binding and record side by side) and the unit's place are settled at once, and
        // the lot decides last and issues the pass in the same commit, so the pass never names a consumer that does
        // not exist. A claim waits for three commits in a row: the offer's, the slowest of the others', the lot's.
        var undo = new ConcurrentStack<Func<Task>>();
        var offer = grains.GetGrain<IOfferGrain>(offerId);
        var reserved = offer.ReserveAsync(passId, authorization);
        var early = offerPlaces.TryGetValue(offerId, out var known) ? ReadContextAsync(known) : null;
        var reservation = await reserved;
        if (reservation.Refused is { } refused)
        {
            await ObserveAsync(early);
            return new ClaimOutcome(null, refused);
        }

        var held = reservation.Offer;
        var places = new OfferPlaces(held.LotId, held.PassTypeId, held.PropertyId);
        if (known != places)
        {
            RememberPlaces(offerId, places);
            await ObserveAsync(early);
            early = null;
        }

        undo.Push(() => offer.CancelReservationAsync(passId));
        Task? unitHold = null;
        try
        {
            var (passType, now, end, lotCapacity) = CheckTerms(held, request.LotId, await (early ?? ReadContextAsync(places)));
            var consumer = EnsureConsumerAsync(request.ConsumerId, consumerIdentity, plate);
            unitHold = HoldUnitAsync(held, passId, passType, plate, now, end, undo);
            await Task.WhenAll(consumer, unitHold);
            var issued = await grains.GetGrain<ILotOccupancyGrain>(held.LotId).IssueAsync(
                passId,
                new IssuePass(
                    offerId, held.CustomerId, held.PropertyId, held.LotId, held.UnitId, passType.Id, passType.ActiveVersion, passType.ActiveTerms,
                    await consumer, plate, now, end, TermsRules.PriceOf(passType.ActiveTerms, now, end), options.Value.ExpiringSoonLead),
                lotCapacity);
            Confirm(held, issued);
            return new ClaimOutcome(new ClaimResult(issued, Replayed: false), null);
        }
        catch (DomainException)
        {
            // A clean refusal: give the places back now rather than when the holds lapse.
            while (undo.TryPop(out var release))
            {
                await release();
            }

            // Task.WhenAll rethrows the first chain's failure; prefer the unit's refusal (its limit, its quota) when both refused.
            if (unitHold?.Exception?.InnerException is DomainException refusal)
            {
                throw refusal;
            }

            throw;
        }
    }

    /// <summary>The pass a keyed claim issued before, read only when a row is stored for it; a voided id refuses.</summary>
    private async Task<PassView?> StoredPassAsync(Guid passId)
    {
        var pass = grains.GetGrain<IPassGrain>(passId);
        if (!await states.ExistsAsync(pass.GetGrainId(), PassIssuance.StateName))
        {
            return null;
        }

        return await pass.FindAsync()
            ?? throw new DomainException("claim_expired", "This claim took too long and its hold lapsed; claim again.", DomainErrorKind.Conflict);
    }

    /// <summary>
    /// Reads what a claim on the offer is checked against: its lot, pass type and property, three grains that are
    /// active for the whole burst, asked together. An offer's lot, pass type and property never change, so once an
    /// offer has been claimed here they are read while the offer decides, not after.
    /// </summary>
    private Task<ClaimContext> ReadContextAsync(OfferPlaces places)
    {
        var lotRead = grains.GetGrain<ILotGrain>(places.LotId).GetAsync();
        var passTypeRead = grains.GetGrain<IPassTypeGrain>(places.PassTypeId).GetAsync();
        var propertyRead = grains.GetGrain<IPropertyGrain>(places.PropertyId).GetAsync();
        return ReadAsync();

        async Task<ClaimContext> ReadAsync()
        {
            await Task.WhenAll(lotRead, passTypeRead, propertyRead);
            return new ClaimContext(places, await lotRead, await passTypeRead, await propertyRead);
        }
    }

    private (PassTypeView PassType, DateTimeOffset Now, DateTimeOffset End, int LotCapacity) CheckTerms(OfferView held, Guid lotId, ClaimContext context)
    {
        if (held.LotId != lotId)
        {
            throw new DomainException("code_invalid", "This offer is not for that lot.", DomainErrorKind.Refused);
        }

        var (_, lot, passType, property) = context;
        if (!OfferRules.OpenOfferAllowedAt(held.Kind, lot.Mode))
        {
            throw new DomainException("offer_not_active", "Open offers can be claimed only at public lots.", DomainErrorKind.Conflict);
        }

        var now = time.GetUtcNow();
        if (!TermsRules.InSeason(passType.ActiveTerms, now, property.Timezone))
        {
            throw new DomainException("outside_claim_window", "This pass type cannot be claimed on this date or weekday.", DomainErrorKind.Refused);
        }

        return (passType, now, TermsRules.EndOf(passType.ActiveTerms, now, property.Timezone), lot.Capacity);
    }

    private static async Task ObserveAsync(Task? task)
    {
        if (task is not null)
        {
            await Task.WhenAny(task);
            _ = task.Exception;
        }
    }

    private Task HoldUnitAsync(
        OfferView held, Guid passId, PassTypeView passType, string plate, DateTimeOffset now, DateTimeOffset end, ConcurrentStack<Func<Task>> undo)
    {
        if (held.UnitId is not { } unitId)
        {
            return Task.CompletedTask;
        }

        var unit = grains.GetGrain<IUnitPassesGrain>(unitId);
        return HoldAsync(
            () => unit.ReserveAsync(new UnitReservation(passId, passType.Id, held.LotId, plate, now, end, passType.ActiveTerms.Quota)),
            () => unit.CancelReservationAsync(passId),
            undo);
    }

    /// <summary>
    /// Tells the offer and the unit at once that their place is the pass's (one-way calls), so a hold lives for one
    /// claim, not until it lapses: measured on 2026-12-03, holds otherwise piled up during a burst until a holder's
    /// state was 285 KB, rewritten whole with every coalesced write. The lot needs no word: it issued the pass.
    /// </summary>
    private void Confirm(OfferView held, PassView issued)
    {
        var change = PassLifecycle.Of(issued);
        _ = grains.GetGrain<IOfferGrain>(held.Id).ConfirmAsync(change);
        if (held.UnitId is { } unitId)
        {
            _ = grains.GetGrain<IUnitPassesGrain>(unitId).ConfirmAsync(change);
        }
    }

    private static async Task HoldAsync(Func<Task> hold, Func<Task> release, ConcurrentStack<Func<Task>> undo)
    {
        await hold();
        undo.Push(release);
    }

    /// <summary>
    /// The pass's consumer, with the claimed plate among its vehicles. A known person costs a read and, for a new
    /// plate, one commit. A new person costs one call and one commit: the identity's grain binds a new consumer and
    /// writes their record in the same commit, without activating the consumer's grain. A binding whose record was
    /// lost (written apart by earlier versions) heals here: a bound owner is told the identity with the plate.
    /// </summary>
    private async Task<Guid> EnsureConsumerAsync(Guid? knownConsumer, ConsumerIdentity? identity, string plate)
    {
        if (knownConsumer is { } consumerId)
        {
            await grains.GetGrain<IConsumerGrain>(consumerId).EnsureWithVehicleAsync(null, plate);
            return consumerId;
        }

        var claimant = await grains.GetGrain<IConsumerIdentityGrain>(ConsumerIdentityRules.KeyOf(identity!)).ClaimantAsync(identity!, plate);
        if (!claimant.Created)
        {
            await grains.GetGrain<IConsumerGrain>(claimant.ConsumerId).EnsureWithVehicleAsync(identity, plate);
        }

        return claimant.ConsumerId;
    }

    private async Task<(Guid OfferId, ClaimAuthorization Authorization)> ResolveOfferAsync(ClaimRequest request)
    {
        if (request.OfferId is { } offerId)
        {
            return (offerId, new ClaimAuthorization(OfferKinds.Open, null));
        }

        if (request.Code is { Length: > 0 } code)
        {
            var found = await index.FindAsync(IndexKinds.ClaimCode, $"{request.LotId:D}:{Secrets.NormalizeCode(code)}");
            return (OfferIdOf(found), new ClaimAuthorization(OfferKinds.ClaimCode, code));
        }

        if (request.ShareToken is { Length: > 0 } token)
        {
            // A share token is random and belongs to one offer for good, so its offer id is remembered: a burst on a
            // group offer then costs no index query per claim. The offer grain still checks the token on every claim,
            // so a revoked offer refuses whatever is remembered here.
            if (!shareTokens.TryGetValue(token, out var groupOffer))
            {
                groupOffer = OfferIdOf(await index.FindAsync(IndexKinds.ShareToken, token));
                if (shareTokens.Count >= MaxRememberedShareTokens)
                {
                    shareTokens.Clear();
                }

                shareTokens[token] = groupOffer;
            }

            return (groupOffer, new ClaimAuthorization(OfferKinds.Group, token));
        }

        throw DomainException.Validation("offerId", "Give an offerId (open offers), a code, or a shareToken.");
    }

    private void RememberPlaces(Guid offerId, OfferPlaces places)
    {
        if (offerPlaces.Count >= MaxRememberedOffers)
        {
            offerPlaces.Clear();
        }

        offerPlaces[offerId] = places;
    }

    private static Guid OfferIdOf(JsonElement? found) =>
        found is { } row && row.TryGetProperty("offerId", out var id)
            ? id.GetGuid()
            : throw new DomainException("code_invalid", "The claim code or share link is not valid.", DomainErrorKind.Refused);
}

/// <summary>Where an offer gives its passes: set when it is created, never changed.</summary>
internal sealed record OfferPlaces(Guid LotId, Guid PassTypeId, Guid PropertyId);

/// <summary>What a claim is checked against, read together.</summary>
internal sealed record ClaimContext(OfferPlaces Places, LotView Lot, PassTypeView PassType, PropertyView Property);

/// <summary>A claim's outcome: the pass claimed, or the offer's refusal.</summary>
public sealed record ClaimOutcome(ClaimResult? Claimed, Refusal? Refused);
