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
using Vrps.Postgres.Index;
using Vrps.Postgres.Storage;

namespace Vrps.Grains.Claims;

/// <summary>
/// The claim protocol (R9, R11). Each capacity holder — the offer, then the unit, then the lot — holds a place for the
/// pass id in a short turn of its own; then the pass grain issues the pass, locking the active terms. A refusal gives
/// back the places already held. A crash anywhere leaves holds that lapse by reminder and are settled by asking the
/// pass grain, which either issued the pass or now voids it for good: nothing is oversold, nothing leaks.
/// This class keeps no state; every guarantee lives in the grains and Postgres.
/// </summary>
public sealed class ClaimCoordinator(
    IGrainFactory grains, GrainIndex index, NewGrainKeys newKeys, [FromKeyedServices(BusinessTime.Key)] TimeProvider time, IOptions<PassOptions> options)
{
    private const int MaxRememberedShareTokens = 100_000;
    private readonly ConcurrentDictionary<string, Guid> shareTokens = new(StringComparer.Ordinal);

    public async Task<ClaimResult> ClaimAsync(ClaimRequest request, ClaimAuthorization? directAuthorization = null)
    {
        var plate = Plates.Normalize(request.Plate);
        var (offerId, authorization) = directAuthorization is null
            ? await ResolveOfferAsync(request)
            : (request.OfferId ?? throw DomainException.Validation("offerId", "offerId is required."), directAuthorization);
        var consumerIdentity = ConsumerIdentityRules.OfClaim(request.ConsumerId, request.Phone, request.Email);
        // An unkeyed claim's pass id is new, so its grain's first activation here skips the read that could find nothing.
        var passId = request.IdempotencyKey is { } key
            ? ClaimPassIds.For(offerId, request.Issuer, key, plate, request.ConsumerId, consumerIdentity)
            : newKeys.Mint();
        var pass = grains.GetGrain<IPassGrain>(passId);

        // Only a keyed claim can be a replay: an unkeyed one has a fresh id, so asking its pass grain would cost an
        // activation and a read that can only find nothing.
        if (request.IdempotencyKey is not null && await pass.FindAsync() is { } existing)
        {
            return new ClaimResult(existing, Replayed: true);
        }

        // The offer decides first and the terms are checked next, so a refused claim leaves nothing behind. Then the
        // consumer (a new person's binding and record side by side) and the other places (unit and lot together) are
        // settled at once, and the pass is issued when both are done, so it never names a consumer that does not
        // exist. A claim waits for three commits in a row: the offer's, the slowest of the others', the pass's.
        var undo = new ConcurrentStack<Func<Task>>();
        var offer = grains.GetGrain<IOfferGrain>(offerId);
        var reservation = await offer.ReserveAsync(passId, authorization);
        if (reservation.Refused is { } refused)
        {
            newKeys.Forget(passId);
            throw refused.ToException();
        }

        var held = reservation.Offer;

        undo.Push(() => offer.CancelReservationAsync(passId));
        Task? places = null;
        try
        {
            var (passType, now, end, lotCapacity) = await CheckTermsAsync(held, request.LotId);
            var consumer = EnsureConsumerAsync(request.ConsumerId, consumerIdentity, plate);
            places = HoldPlacesAsync(held, passId, passType, plate, now, end, lotCapacity, undo);
            await Task.WhenAll(consumer, places);
            var issued = await pass.IssueAsync(new IssuePass(
                offerId, held.CustomerId, held.PropertyId, held.LotId, held.UnitId, passType.Id, passType.ActiveVersion, passType.ActiveTerms,
                await consumer, plate, now, end, TermsRules.PriceOf(passType.ActiveTerms, now, end), options.Value.ExpiringSoonLead));
            Confirm(held, issued);
            return new ClaimResult(issued, Replayed: false);
        }
        catch (DomainException)
        {
            // A clean refusal: give the places back now rather than when the holds lapse.
            while (undo.TryPop(out var release))
            {
                await release();
            }

            // Task.WhenAll rethrows the first chain's failure; prefer the places' refusal when both refused.
            if (places?.Exception?.InnerException is DomainException refusal)
            {
                throw refusal;
            }

            throw;
        }
    }

    private async Task<(PassTypeView PassType, DateTimeOffset Now, DateTimeOffset End, int LotCapacity)> CheckTermsAsync(OfferView held, Guid lotId)
    {
        if (held.LotId != lotId)
        {
            throw new DomainException("code_invalid", "This offer is not for that lot.", DomainErrorKind.Refused);
        }

        // Three reads of grains that are active for the whole burst: asked together, not one after another.
        var lotRead = grains.GetGrain<ILotGrain>(held.LotId).GetAsync();
        var passTypeRead = grains.GetGrain<IPassTypeGrain>(held.PassTypeId).GetAsync();
        var propertyRead = grains.GetGrain<IPropertyGrain>(held.PropertyId).GetAsync();
        await Task.WhenAll(lotRead, passTypeRead, propertyRead);
        var (lot, passType, property) = (await lotRead, await passTypeRead, await propertyRead);
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

    private async Task HoldPlacesAsync(
        OfferView held, Guid passId, PassTypeView passType, string plate, DateTimeOffset now, DateTimeOffset end, int lotCapacity,
        ConcurrentStack<Func<Task>> undo)
    {
        var unitHold = Task.CompletedTask;
        if (held.UnitId is { } unitId)
        {
            var unit = grains.GetGrain<IUnitPassesGrain>(unitId);
            unitHold = HoldAsync(
                () => unit.ReserveAsync(new UnitReservation(passId, passType.Id, held.LotId, plate, now, end, passType.ActiveTerms.Quota)),
                () => unit.CancelReservationAsync(passId),
                undo);
        }

        var occupancy = grains.GetGrain<ILotOccupancyGrain>(held.LotId);
        var lotHold = HoldAsync(() => occupancy.ReserveAsync(passId, lotCapacity), () => occupancy.CancelReservationAsync(passId), undo);
        try
        {
            await Task.WhenAll(unitHold, lotHold);
        }
        catch (DomainException) when (unitHold.Exception?.InnerException is DomainException unitRefusal)
        {
            // The unit's answer (its limit, its quota) says more to the claimer than the lot's.
            throw unitRefusal;
        }
    }

    /// <summary>
    /// Tells each holder at once that its place is the pass's (one-way calls), so a hold lives for one claim, not until
    /// the pass's stream event reaches a busy holder: measured on 2026-12-03, holds otherwise piled up during a burst
    /// until the lot occupancy's state was 285 KB, rewritten whole with every coalesced write.
    /// </summary>
    private void Confirm(OfferView held, PassView issued)
    {
        var change = PassLifecycle.Of(issued);
        _ = grains.GetGrain<IOfferGrain>(held.Id).ConfirmAsync(change);
        _ = grains.GetGrain<ILotOccupancyGrain>(held.LotId).ConfirmAsync(change);
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
    /// The pass's consumer, with the claimed plate among its vehicles. A known person costs a read and, for a new plate,
    /// one commit. A new person's identity is bound to a fresh id while that consumer's record is written, side by
    /// side, so the claim waits for one commit here, not two in a row (measured on 2026-12-03: four commits in a row
    /// bounded the hot-offer burst). When another claim bound the identity first, the record written here names nobody
    /// and is discarded, and the pass goes to the identity's owner.
    /// </summary>
    private async Task<Guid> EnsureConsumerAsync(Guid? knownConsumer, ConsumerIdentity? identity, string plate)
    {
        if (knownConsumer is { } consumerId)
        {
            await grains.GetGrain<IConsumerGrain>(consumerId).EnsureWithVehicleAsync(null, plate);
            return consumerId;
        }

        var binding = grains.GetGrain<IConsumerIdentityGrain>(ConsumerIdentityRules.KeyOf(identity!));
        if (await binding.FindConsumerAsync() is { } known)
        {
            // The identity is passed on so that a record lost to a crash after its binding is created again here.
            await grains.GetGrain<IConsumerGrain>(known).EnsureWithVehicleAsync(identity, plate);
            return known;
        }

        var candidate = grains.GetGrain<IConsumerGrain>(newKeys.Mint());
        var bound = binding.BindAsync(candidate.GetPrimaryKey());
        var created = candidate.EnsureWithVehicleAsync(identity, plate);
        Guid owner;
        try
        {
            owner = await bound;
        }
        catch
        {
            await DiscardAsync(candidate, created);
            throw;
        }

        if (owner == candidate.GetPrimaryKey())
        {
            // A failed record with a standing binding heals on the identity's next claim (the branch above).
            await created;
            return owner;
        }

        await DiscardAsync(candidate, created);
        await grains.GetGrain<IConsumerGrain>(owner).EnsureWithVehicleAsync(identity, plate);
        return owner;
    }

    private static async Task DiscardAsync(IConsumerGrain candidate, Task created)
    {
        // Whether the record committed or not, the discard settles it; its own failure is not the claim's answer.
        await Task.WhenAny(created);
        _ = created.Exception;
        await candidate.DiscardIfUnboundAsync();
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

    private static Guid OfferIdOf(JsonElement? found) =>
        found is { } row && row.TryGetProperty("offerId", out var id)
            ? id.GetGuid()
            : throw new DomainException("code_invalid", "The claim code or share link is not valid.", DomainErrorKind.Refused);
}
