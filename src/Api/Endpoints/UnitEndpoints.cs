using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.Units;
using Vrps.Interfaces.Users;

namespace Vrps.Api.Endpoints;

public static class UnitEndpoints
{
    public static IEndpointRouteBuilder MapUnitEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/units").WithTags("Units");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetUnit").WithSummary("Read a unit").WithProblems();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateUnit").WithSummary("Change name or maximum concurrent passes")
            .Accepts<UpdateUnit>("application/json").WithProblems();
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteUnit").WithSummary("Soft-delete a unit").WithProblems();
        group.MapPut("/{id:guid}/lots/{lotId:guid}", GrantLotAsync).WithName("GrantUnitLot")
            .WithSummary("Let the unit issue passes for a lot of its property, or a peer lot shared with it (R6)").WithProblems(422);
        group.MapDelete("/{id:guid}/lots/{lotId:guid}", RevokeLotAsync).WithName("RevokeUnitLot").WithSummary("Withdraw the unit's access to a lot").WithProblems();
        group.MapPut("/{id:guid}/managers/{userId:guid}", AddManagerAsync).WithName("AddUnitManager")
            .WithSummary("Make an operator user of the customer a manager of the unit").WithProblems();
        group.MapDelete("/{id:guid}/managers/{userId:guid}", RemoveManagerAsync).WithName("RemoveUnitManager").WithSummary("Remove a manager").WithProblems();
        return routes;
    }

    private static async Task<Ok<UnitView>> GetAsync(Guid id, ApiPrincipal principal, Access access) =>
        TypedResults.Ok(await access.UnitAsync(principal, id, Need.Read));

    private static async Task<Ok<UnitView>> UpdateAsync(Guid id, JsonElement body, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.UnitAsync(principal, id, Need.Write);
        var patch = PatchBody.Parse(body, ["name", "maxConcurrentPasses"]);
        return TypedResults.Ok(await grains.GetGrain<IUnitGrain>(id).UpdateAsync(new UpdateUnit(patch.String("name"), patch.Int("maxConcurrentPasses")), principal.Actor));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.UnitAsync(principal, id, Need.Write);
        await grains.GetGrain<IUnitGrain>(id).DeleteAsync(principal.Actor);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UnitView>> GrantLotAsync(Guid id, Guid lotId, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.UnitAsync(principal, id, Need.Write);
        await access.LotAsync(principal, lotId, Need.Read);
        return TypedResults.Ok(await grains.GetGrain<IUnitGrain>(id).GrantLotAsync(lotId, principal.Actor));
    }

    private static async Task<Ok<UnitView>> RevokeLotAsync(Guid id, Guid lotId, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.UnitAsync(principal, id, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<IUnitGrain>(id).RevokeLotAsync(lotId, principal.Actor));
    }

    private static async Task<Ok<UnitView>> AddManagerAsync(Guid id, Guid userId, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var unit = await access.UnitAsync(principal, id, Need.Write);
        await RequireUserOfAsync(grains, userId, unit.CustomerId);
        return TypedResults.Ok(await grains.GetGrain<IUnitGrain>(id).AddManagerAsync(userId, principal.Actor));
    }

    private static async Task<Ok<UnitView>> RemoveManagerAsync(Guid id, Guid userId, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var unit = await access.UnitAsync(principal, id, Need.Write);
        await RequireUserOfAsync(grains, userId, unit.CustomerId);
        return TypedResults.Ok(await grains.GetGrain<IUnitGrain>(id).RemoveManagerAsync(userId, principal.Actor));
    }

    private static async Task RequireUserOfAsync(IGrainFactory grains, Guid userId, Guid customerId)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).GetAsync();
        if (user.CustomerId != customerId)
        {
            throw DomainException.NotFound("User", userId);
        }
    }
}
