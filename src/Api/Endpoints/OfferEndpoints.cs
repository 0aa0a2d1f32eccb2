using Vrps.Grains.Rules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Grains.Claims;
using Vrps.Interfaces;
using Vrps.Interfaces.Claims;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.PassTypes;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.Properties;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class OfferEndpoints
{
    public static IEndpointRouteBuilder MapOfferEndpoints(this IEndpointRouteBuilder routes)
    {
        var lots = routes.MapGroup("/api/lots").WithTags("Offers");
        lots.MapPost("/{id:guid}/offers", CreateAsync).WithName("CreateOffer")
            .WithSummary("Create an offer (open, claim_code, group, direct); unit-bound offers also by that unit's managers (R6, R8)").WithProblems(422);
        lots.MapGet("/{id:guid}/offers", ListAsync).WithName("ListOffers").WithSummary("The lot's offers, paged").WithProblems();
        var group = routes.MapGroup("/api/offers").WithTags("Offers");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOffer").WithSummary("An offer: status and claimedCount").WithProblems();
        group.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeOffer").WithSummary("Revoke the offer: no further claims").WithProblems();
        group.MapPost("/{id:guid}/rotate-code", RotateAsync).WithName("RotateOfferCode")
            .WithSummary("A new claim code; the old one stops working at once").WithProblems(422);
        group.MapPost("/{id:guid}/issue", IssueAsync).WithName("IssueDirectPass")
            .WithSummary("Issue a pass of a direct offer to a named consumer (managers of its unit, operators)").WithProblems(409, 422);
        return routes;
    }

    private static async Task<Created<OfferView>> CreateAsync(Guid id, CreateOfferRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var lot = await access.LotAsync(principal, id, Need.Read);
        if (request.UnitId is { } unitId)
        {
            var unit = await access.UnitAsync(principal, unitId, Need.Read);
            if (!principal.IsAdmin && principal.Role != Roles.Operator && !await access.ManagesAsync(principal, unitId))
            {
                throw new DomainException("forbidden", "Only operators and the unit's managers may create offers for it.", DomainErrorKind.Forbidden);
            }

            if (!unit.LotIds.Contains(lot.Id))
            {
                throw new DomainException("lot_not_granted", "The unit was not granted this lot (R6).", DomainErrorKind.Refused);
            }
        }
        else
        {
            await access.LotAsync(principal, id, Need.Write);
        }

        var passTypeId = request.PassTypeId!.Value;
        var passType = await grains.GetGrain<IPassTypeGrain>(passTypeId).GetAsync();
        if (!OfferRules.PassTypeBelongsToLot(passType.LotId, lot.Id))
        {
            throw DomainException.Validation("passTypeId", "The pass type belongs to another lot.");
        }

        if (!OfferRules.OpenOfferAllowedAt(request.Kind!, lot.Mode))
        {
            throw DomainException.Validation("kind", "Open offers need a public lot (mode public or both).");
        }

        var property = await grains.GetGrain<IPropertyGrain>(lot.PropertyId).GetAsync();
        var offerId = Guid.NewGuid();
        var offer = await grains.GetGrain<IOfferGrain>(offerId).InitializeAsync(
            new CreateOffer(offerId, request.Kind!, passTypeId, request.UnitId, request.Capacity, request.StartsAt, request.EndsAt, request.ExpiresAt),
            new OfferContext(lot.CustomerId, lot.PropertyId, lot.Id, property.Timezone),
            principal.Actor);
        return TypedResults.Created($"/api/offers/{offerId}", offer);
    }

    private static async Task<Ok<Page<OfferView>>> ListAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        // Whoever may read the lot may read each of its offers (GET /api/offers/{id} needs Read), so also the list.
        await access.LotAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<OfferView>(index, IndexKinds.Offer, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<OfferView>> GetAsync(Guid id, ApiPrincipal principal, Access access) =>
        TypedResults.Ok(await access.OfferAsync(principal, id, Need.Read));

    private static async Task<Ok<OfferView>> RevokeAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.OfferAsync(principal, id, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<IOfferGrain>(id).RevokeAsync(principal.Actor));
    }

    private static async Task<Ok<OfferView>> RotateAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.OfferAsync(principal, id, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<IOfferGrain>(id).RotateCodeAsync(principal.Actor));
    }

    private static async Task<Created<PassView>> IssueAsync(
        Guid id,
        IssueDirectRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ApiPrincipal principal,
        Access access,
        ClaimCoordinator claims)
    {
        var offer = await access.OfferAsync(principal, id, Need.Write);
        if (offer.Kind != OfferKinds.Direct)
        {
            throw new DomainException("not_a_direct_offer", "Only direct offers issue passes to a named consumer.", DomainErrorKind.Refused);
        }

        var result = await claims.ClaimAsync(
            new ClaimRequest(id, null, null, offer.LotId, request.Phone, request.Email, request.ConsumerId, request.Plate, idempotencyKey, principal.KeyId),
            new ClaimAuthorization(OfferKinds.Direct, null));
        return TypedResults.Created($"/api/passes/{result.Pass.Id}", result.Pass);
    }
}
