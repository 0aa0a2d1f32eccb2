using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Problems;
using Vrps.Api.Public;
using Vrps.Api.Requests;
using Vrps.Interfaces.Lots;

namespace Vrps.Api.Endpoints;

public static class LotEndpoints
{
    private static readonly Dictionary<string, (string, string)> Immutable = new()
    {
        ["slug"] = (ProblemCodes.SlugImmutable, "A lot's slug never changes once created (R4)."),
        ["qrCode"] = (ProblemCodes.SlugImmutable, "A lot's QR code never changes once created: it is printed (R4)."),
    };

    public static IEndpointRouteBuilder MapLotEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lots").WithTags("Lots");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetLot").WithSummary("Read a lot, with its landingUrl and qrImageUrl").WithProblems();
        group.MapGet("/{id:guid}/qr.svg", QrSvgAsync).WithName("GetLotQrSvg")
            .WithSummary("The lot's QR code (SVG) encoding its landingUrl, to print; the slug in it never changes")
            .Produces(StatusCodes.Status200OK, contentType: QrSvgType).WithProblems();
        group.MapGet("/{id:guid}/qr.png", QrPngAsync).WithName("GetLotQrPng")
            .WithSummary("The lot's QR code (PNG) encoding its landingUrl, to print")
            .Produces(StatusCodes.Status200OK, contentType: QrPngType).WithProblems();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateLot")
            .WithSummary("Change name, capacity, mode or grace period; slug and qrCode are refused (422 slug_immutable)")
            .Accepts<UpdateLot>("application/json").WithProblems(422);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteLot").WithSummary("Soft-delete a lot").WithProblems();
        group.MapPut("/{id:guid}/peer-properties/{propertyId:guid}", GrantPeerAsync).WithName("GrantPeerProperty")
            .WithSummary("Share the lot with another property of the same customer (R5); 422 cross_customer_grant otherwise").WithProblems(422);
        group.MapDelete("/{id:guid}/peer-properties/{propertyId:guid}", RevokePeerAsync).WithName("RevokePeerProperty")
            .WithSummary("Withdraw a peer grant, and that property's units' access to the lot").WithProblems();
        return routes;
    }

    private const string QrSvgType = "image/svg+xml";
    private const string QrPngType = "image/png";

    private static async Task<Ok<LotView>> GetAsync(Guid id, ApiPrincipal principal, Access access, LotLinks links, HttpRequest request) =>
        TypedResults.Ok(links.With(await access.LotAsync(principal, id, Need.Read), request));

    private static async Task<IResult> QrSvgAsync(Guid id, ApiPrincipal principal, Access access, LotLinks links, HttpRequest request)
    {
        var lot = await access.LotAsync(principal, id, Need.Read);
        return TypedResults.Text(LotQrCode.Svg(links.LandingUrl(lot, request)), QrSvgType);
    }

    private static async Task<IResult> QrPngAsync(Guid id, ApiPrincipal principal, Access access, LotLinks links, HttpRequest request)
    {
        var lot = await access.LotAsync(principal, id, Need.Read);
        return TypedResults.Bytes(LotQrCode.Png(links.LandingUrl(lot, request)), QrPngType);
    }

    private static async Task<Ok<LotView>> UpdateAsync(Guid id, JsonElement body, ApiPrincipal principal, Access access, IGrainFactory grains, LotLinks links, HttpRequest request)
    {
        await access.LotAsync(principal, id, Need.Write);
        var patch = PatchBody.Parse(body, ["name", "capacity", "mode", "gracePeriodMinutes"], Immutable);
        var command = new UpdateLot(patch.String("name"), patch.Int("capacity"), patch.String("mode"), patch.Int("gracePeriodMinutes"));
        return TypedResults.Ok(links.With(await grains.GetGrain<ILotGrain>(id).UpdateAsync(command, principal.Actor), request));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.LotAsync(principal, id, Need.Write);
        await grains.GetGrain<ILotGrain>(id).DeleteAsync(principal.Actor);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LotView>> GrantPeerAsync(
        Guid id, Guid propertyId, ApiPrincipal principal, Access access, IGrainFactory grains, LotLinks links, HttpRequest request)
    {
        await access.LotAsync(principal, id, Need.Write);
        await access.PropertyAsync(principal, propertyId, Need.Read);
        return TypedResults.Ok(links.With(await grains.GetGrain<ILotGrain>(id).GrantPeerPropertyAsync(propertyId, principal.Actor), request));
    }

    private static async Task<Ok<LotView>> RevokePeerAsync(
        Guid id, Guid propertyId, ApiPrincipal principal, Access access, IGrainFactory grains, LotLinks links, HttpRequest request)
    {
        await access.LotAsync(principal, id, Need.Write);
        await access.PropertyAsync(principal, propertyId, Need.Read);
        return TypedResults.Ok(links.With(await grains.GetGrain<ILotGrain>(id).RevokePeerPropertyAsync(propertyId, principal.Actor), request));
    }
}
