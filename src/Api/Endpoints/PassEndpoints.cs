using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Grains.Passes;
using Vrps.Interfaces;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class PassEndpoints
{
    public static IEndpointRouteBuilder MapPassEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/passes").WithTags("Passes");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPass").WithSummary("A pass, with the terms locked onto it").WithProblems();
        foreach (var action in new[] { PassTransitions.Revoke, PassTransitions.Suspend, PassTransitions.Resume, PassTransitions.Cancel })
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) => ActAsync(id, action, principal, access, grains))
                .WithName($"{char.ToUpperInvariant(action[0])}{action[1..]}Pass")
                .WithSummary(action == PassTransitions.Cancel
                    ? "End the pass early (its consumer, managers, operators); unused time returns to the unit's quota"
                    : $"{char.ToUpperInvariant(action[0])}{action[1..]} the pass (operators, the unit's managers); illegal transitions: 409 invalid_transition")
                .Produces<PassView>()
                .WithProblems(409);
        }

        routes.MapGroup("/api/lots").WithTags("Passes")
            .MapGet("/{id:guid}/passes", ListAsync).WithName("ListLotPasses").WithSummary("The lot's passes, paged; ?status= filters").WithProblems();
        return routes;
    }

    private static async Task<Ok<PassView>> GetAsync(Guid id, ApiPrincipal principal, Access access) =>
        TypedResults.Ok(await access.PassAsync(principal, id, Need.Read));

    private static async Task<Ok<PassView>> ActAsync(Guid id, string action, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var pass = await access.PassAsync(principal, id, action == PassTransitions.Cancel && principal.Role == Roles.Consumer ? Need.Read : Need.Write);
        var grain = grains.GetGrain<IPassGrain>(pass.Id);
        return TypedResults.Ok(action switch
        {
            PassTransitions.Revoke => await grain.RevokeAsync(principal.Actor),
            PassTransitions.Suspend => await grain.SuspendAsync(principal.Actor),
            PassTransitions.Resume => await grain.ResumeAsync(principal.Actor),
            _ => await grain.CancelAsync(principal.Actor),
        });
    }

    private static async Task<Ok<Page<PassView>>> ListAsync(
        Guid id, string? status, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await access.LotAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<PassView>(
            index, IndexKinds.Pass, id.ToString("D"), null, limit, cursor,
            p => access.CanSeeAsync(principal, p.CustomerId, p.PropertyId, p.UnitId is null ? p.LotId : null, p.UnitId),
            status is null ? null : (IndexFields.Status, status)));
    }
}
