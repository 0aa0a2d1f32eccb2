using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Public;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Units;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class PropertyEndpoints
{
    public static IEndpointRouteBuilder MapPropertyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/properties").WithTags("Properties");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetProperty").WithSummary("Read a property").WithProblems();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateProperty").WithSummary("Change name, timezone or branding")
            .Accepts<UpdateProperty>("application/json").WithProblems();
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProperty").WithSummary("Soft-delete a property with its lots and units").WithProblems();
        group.MapGet("/{id:guid}/lots", ListLotsAsync).WithName("ListLots").WithSummary("The property's lots, paged").WithProblems();
        group.MapPost("/{id:guid}/lots", CreateLotAsync).WithName("CreateLot").WithSummary("Create a lot; the server assigns its slug and QR code").WithProblems(409);
        group.MapGet("/{id:guid}/units", ListUnitsAsync).WithName("ListUnits").WithSummary("The property's units, paged").WithProblems();
        group.MapPost("/{id:guid}/units", CreateUnitAsync).WithName("CreateUnit").WithSummary("Create a unit").WithProblems(409);
        return routes;
    }

    private static async Task<Ok<PropertyView>> GetAsync(Guid id, ApiPrincipal principal, Access access) =>
        TypedResults.Ok(await access.PropertyAsync(principal, id, Need.Read));

    private static async Task<Ok<PropertyView>> UpdateAsync(Guid id, JsonElement body, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var patch = PatchBody.Parse(body, ["name", "timezone", "branding"]);
        var command = new UpdateProperty(patch.String("name"), patch.String("timezone"), patch.Object<Branding>("branding"));
        await access.PropertyAsync(principal, id, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<IPropertyGrain>(id).UpdateAsync(command, principal.Actor));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.PropertyAsync(principal, id, Need.Write);
        await grains.GetGrain<IPropertyGrain>(id).DeleteAsync(principal.Actor);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<LotView>>> ListLotsAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index, LotLinks links, HttpRequest request)
    {
        await access.PropertyAsync(principal, id, Need.Read);
        var page = await PageRequest.ReadAsync<LotView>(
            index, IndexKinds.Lot, id.ToString("D"), null, limit, cursor, l => access.CanSeeAsync(principal, l.CustomerId, l.PropertyId, l.Id, null));
        return TypedResults.Ok(page with { Items = [.. page.Items.Select(l => links.With(l, request))] });
    }

    private static async Task<Created<LotView>> CreateLotAsync(
        Guid id, CreateLotRequest request, ApiPrincipal principal, Access access, IGrainFactory grains, LotLinks links, HttpRequest http)
    {
        await access.PropertyAsync(principal, id, Need.Write);
        var command = new CreateLot(Guid.NewGuid(), request.Name!, request.Capacity, request.Mode, request.GracePeriodMinutes);
        var lot = await grains.GetGrain<IPropertyGrain>(id).AddLotAsync(command, principal.Actor);
        return TypedResults.Created($"/api/lots/{lot.Id}", links.With(lot, http));
    }

    private static async Task<Ok<Page<UnitView>>> ListUnitsAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await access.PropertyAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<UnitView>(
            index, IndexKinds.Unit, id.ToString("D"), null, limit, cursor, u => access.CanSeeAsync(principal, u.CustomerId, u.PropertyId, null, u.Id)));
    }

    private static async Task<Created<UnitView>> CreateUnitAsync(Guid id, CreateUnitRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.PropertyAsync(principal, id, Need.Write);
        var unit = await grains.GetGrain<IPropertyGrain>(id).AddUnitAsync(new CreateUnit(Guid.NewGuid(), request.Name!, request.MaxConcurrentPasses), principal.Actor);
        return TypedResults.Created($"/api/units/{unit.Id}", unit);
    }
}
