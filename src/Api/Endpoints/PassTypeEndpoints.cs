using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.PassTypes;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class PassTypeEndpoints
{
    public static IEndpointRouteBuilder MapPassTypeEndpoints(this IEndpointRouteBuilder routes)
    {
        var lots = routes.MapGroup("/api/lots").WithTags("Pass types");
        lots.MapPost("/{id:guid}/pass-types", CreateAsync).WithName("CreatePassType").WithSummary("Create a lot's pass type with its first terms (R7)").WithProblems();
        lots.MapGet("/{id:guid}/pass-types", ListAsync).WithName("ListPassTypes").WithSummary("The lot's pass types, paged").WithProblems();
        var group = routes.MapGroup("/api/pass-types").WithTags("Pass types");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPassType").WithSummary("A pass type: active terms and every version").WithProblems();
        group.MapPut("/{id:guid}/terms", SetTermsAsync).WithName("SetPassTypeTerms")
            .WithSummary("Add a terms version and make it active; issued passes keep theirs (R7, R9)").WithProblems();
        return routes;
    }

    private static async Task<Created<PassTypeView>> CreateAsync(Guid id, CreatePassTypeRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var lot = await access.LotAsync(principal, id, Need.Write);
        var passTypeId = Guid.NewGuid();
        var passType = await grains.GetGrain<IPassTypeGrain>(passTypeId).InitializeAsync(
            lot.CustomerId, lot.PropertyId, lot.Id, new CreatePassType(passTypeId, request.Name ?? "", request.Description, request.Terms!.ToTerms()), principal.Actor);
        return TypedResults.Created($"/api/pass-types/{passTypeId}", passType);
    }

    private static async Task<Ok<Page<PassTypeView>>> ListAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await access.LotAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<PassTypeView>(index, IndexKinds.PassType, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<PassTypeView>> GetAsync(Guid id, ApiPrincipal principal, Access access) =>
        TypedResults.Ok(await access.PassTypeAsync(principal, id, Need.Read));

    private static async Task<Ok<PassTypeView>> SetTermsAsync(Guid id, TermsRequest terms, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.PassTypeAsync(principal, id, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<IPassTypeGrain>(id).SetTermsAsync(terms.ToTerms(), principal.Actor));
    }
}
