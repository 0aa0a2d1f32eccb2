using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Api.Auth;
using Vrps.Api.Problems;
using Vrps.Api.Public;
using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.PassTypes;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.Properties;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

/// <summary>
/// What the visitor-facing pages read, callable by anyone: a lot by its slug (what its QR code names), a group offer by
/// its share token, a pass by its unguessable id. Each answers only what a visitor holding that slug, token or id may
/// see; a missing or deleted one answers 404 with its own code, like one that never existed.
/// </summary>
public static class PublicEndpoints
{
    public const string RateLimitPolicy = "public-reads";

    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public").WithTags("Public")
            .WithMetadata(new AllowAnonymousKeyAttribute())
            .RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/lots/{slug}", LotAsync).WithName("GetPublicLot")
            .WithSummary("A lot's landing page data by its slug (the QR code's target): name, branding, the open offers; no key needed; 404 lot_not_found")
            .WithPublicProblems();
        group.MapGet("/groups/{shareToken}", GroupAsync).WithName("GetPublicGroup")
            .WithSummary("A group offer by its share token: the lot, branding and places left; no key needed; 404 share_link_not_found")
            .WithPublicProblems();
        group.MapGet("/passes/{id:guid}", PassAsync).WithName("GetPublicPass")
            .WithSummary("A pass as its holder sees it (plate, lot, status, validity; no phone or email); the id is the secret; 404 pass_not_found")
            .WithPublicProblems();
        return routes;
    }

    private static RouteHandlerBuilder WithPublicProblems(this RouteHandlerBuilder builder)
    {
        foreach (var status in new[] { 400, 404, 429, 503 })
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    private static async Task<Ok<PublicLotView>> LotAsync(
        string slug, GrainIndex index, IGrainFactory grains, [FromKeyedServices(BusinessTime.Key)] TimeProvider time)
    {
        var found = slug.Length <= 200 ? await index.FindAsync(IndexKinds.LotSlug, slug) : null;
        if (found?.TryGetProperty("lotId", out var id) != true)
        {
            throw LotNotFound();
        }

        var lot = await OrNotFoundAsync(grains.GetGrain<ILotGrain>(id.GetGuid()).GetAsync(), LotNotFound);
        var property = await grains.GetGrain<IPropertyGrain>(lot.PropertyId).GetAsync();
        var now = time.GetUtcNow();
        var open = new List<OfferView>();
        var acceptsCodes = false;
        string? cursor = null;
        do
        {
            var page = await index.ListAsync(IndexKinds.Offer, lot.Id.ToString("D"), null, cursor, GrainIndex.MaxPageSize);
            foreach (var item in page.Items)
            {
                var offer = item.Deserialize<OfferView>(VrpsJson.Options)!;
                acceptsCodes |= offer.Kind == OfferKinds.ClaimCode && OfferAvailability.ClaimableAt(offer, now);
                if (offer.Kind == OfferKinds.Open && OfferRules.OpenOfferAllowedAt(offer.Kind, lot.Mode) && OfferAvailability.ClaimableAt(offer, now))
                {
                    open.Add(offer);
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // Each offer's pass type is its own grain: read them side by side, not one after another (order kept).
        var offers = await Task.WhenAll(open.Select(offer => OfferViewAsync(grains, offer, now)));
        return TypedResults.Ok(new PublicLotView(lot.Id, lot.Slug, lot.Name, property.Name, property.Branding, offers, acceptsCodes));
    }

    private static async Task<Ok<PublicGroupView>> GroupAsync(
        string shareToken, GrainIndex index, IGrainFactory grains, [FromKeyedServices(BusinessTime.Key)] TimeProvider time)
    {
        var found = shareToken.Length <= 200 ? await index.FindAsync(IndexKinds.ShareToken, shareToken) : null;
        if (found?.TryGetProperty("offerId", out var id) != true)
        {
            throw ShareLinkNotFound();
        }

        // The grain, not the index row, so the places left are those of the last committed claim.
        var offer = await OrNotFoundAsync(grains.GetGrain<IOfferGrain>(id.GetGuid()).GetAsync(), ShareLinkNotFound);
        if (offer.ShareToken != shareToken)
        {
            throw ShareLinkNotFound();
        }

        var lot = await OrNotFoundAsync(grains.GetGrain<ILotGrain>(offer.LotId).GetAsync(), ShareLinkNotFound);
        var property = await grains.GetGrain<IPropertyGrain>(lot.PropertyId).GetAsync();
        return TypedResults.Ok(new PublicGroupView(
            lot.Id, lot.Slug, lot.Name, property.Name, property.Branding, await OfferViewAsync(grains, offer, time.GetUtcNow())));
    }

    private static async Task<Ok<PublicPassView>> PassAsync(Guid id, IGrainFactory grains)
    {
        var pass = await grains.GetGrain<IPassGrain>(id).FindAsync() ?? throw PassNotFound();
        var lot = await OrNotFoundAsync(grains.GetGrain<ILotGrain>(pass.LotId).GetAsync(), PassNotFound);
        var property = await grains.GetGrain<IPropertyGrain>(pass.PropertyId).GetAsync();
        var passType = await grains.GetGrain<IPassTypeGrain>(pass.PassTypeId).GetAsync();
        return TypedResults.Ok(new PublicPassView(
            pass.Id, pass.Plate, pass.Status, pass.StartsAt, pass.EndsAt, pass.EndedAt, passType.Name, lot.Name, lot.Slug, property.Name, property.Branding));
    }

    private static async Task<PublicOfferView> OfferViewAsync(IGrainFactory grains, OfferView offer, DateTimeOffset now)
    {
        var passType = await grains.GetGrain<IPassTypeGrain>(offer.PassTypeId).GetAsync();
        var terms = passType.ActiveTerms;
        return new PublicOfferView(
            offer.Id, offer.Kind, offer.Status, OfferAvailability.ClaimableAt(offer, now), passType.Name, passType.Description,
            terms.RateStructure, terms.AmountCents, terms.Duration, offer.Capacity, OfferAvailability.PlacesLeft(offer), offer.StartsAt, offer.EndsAt);
    }

    /// <summary>A deleted lot or offer answers with the public route's own code, so nothing tells it from one never made.</summary>
    private static async Task<T> OrNotFoundAsync<T>(Task<T> read, Func<DomainException> notFound)
    {
        try
        {
            return await read;
        }
        catch (DomainException exception) when (exception.Kind == DomainErrorKind.NotFound)
        {
            throw notFound();
        }
    }

    private static DomainException LotNotFound() =>
        new(ProblemCodes.LotNotFound, "No lot has this address. Check the link or scan the code at the lot entrance again.", DomainErrorKind.NotFound);

    private static DomainException ShareLinkNotFound() =>
        new(ProblemCodes.ShareLinkNotFound, "This share link is not valid. Ask whoever sent it for a new one.", DomainErrorKind.NotFound);

    private static DomainException PassNotFound() =>
        new(ProblemCodes.PassNotFound, "No pass has this address. Check the link you were given.", DomainErrorKind.NotFound);
}
