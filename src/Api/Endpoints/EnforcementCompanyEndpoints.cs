using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.Enforcement;

namespace Vrps.Api.Endpoints;

public static class EnforcementCompanyEndpoints
{
    public static IEndpointRouteBuilder MapEnforcementCompanyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/enforcement-companies").WithTags("Enforcement companies");
        group.MapPost("/", CreateAsync).WithName("CreateEnforcementCompany").WithSummary("Create a patrol company (platform admins)").WithProblems();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetEnforcementCompany")
            .WithSummary("Read a patrol company; operators see only the scopes on their own properties").WithProblems();
        group.MapPut("/{id:guid}/properties/{propertyId:guid}", GrantAsync).WithName("GrantEnforcementScope")
            .WithSummary("Scope the company to a property, optionally to some of its lots (R14)").WithProblems(422);
        group.MapDelete("/{id:guid}/properties/{propertyId:guid}", RevokeAsync).WithName("RevokeEnforcementScope")
            .WithSummary("Remove the company's scope on a property").WithProblems();
        return routes;
    }

    private static async Task<Created<EnforcementCompanyView>> CreateAsync(CreateEnforcementCompanyRequest request, ApiPrincipal principal, IGrainFactory grains)
    {
        CustomerEndpoints.RequireAdmin(principal);
        var id = Guid.NewGuid();
        var company = await grains.GetGrain<IEnforcementCompanyGrain>(id).CreateAsync(new CreateEnforcementCompany(request.Name!), principal.Actor);
        return TypedResults.Created($"/api/enforcement-companies/{id}", company);
    }

    private static async Task<Ok<EnforcementCompanyView>> GetAsync(Guid id, ApiPrincipal principal, IGrainFactory grains)
    {
        var company = await grains.GetGrain<IEnforcementCompanyGrain>(id).GetAsync();
        var visible = VisibleTo(principal, company);
        return visible.Scopes.Count > 0 || principal.IsAdmin || principal.EnforcementCompanyId == id
            ? TypedResults.Ok(visible)
            : throw DomainException.NotFound("Enforcement company", id);
    }

    private static async Task<Ok<EnforcementCompanyView>> GrantAsync(
        Guid id,
        Guid propertyId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] EnforcementScopeRequest? request,
        ApiPrincipal principal,
        Access access,
        IGrainFactory grains)
    {
        var property = await access.PropertyAsync(principal, propertyId, Need.Write);
        var company = grains.GetGrain<IEnforcementCompanyGrain>(id);
        await company.GetAsync();
        var lotIds = request?.LotIds?.Distinct().ToArray();
        foreach (var lotId in lotIds ?? [])
        {
            var lot = await access.LotAsync(principal, lotId, Need.Read);
            if (lot.PropertyId != propertyId)
            {
                throw DomainException.Validation("lotIds", $"Lot {lotId} is not a lot of property {propertyId}.");
            }
        }

        var updated = await company.GrantPropertyAsync(new EnforcementScope(propertyId, property.CustomerId, lotIds), principal.Actor);
        return TypedResults.Ok(VisibleTo(principal, updated));
    }

    private static async Task<Ok<EnforcementCompanyView>> RevokeAsync(Guid id, Guid propertyId, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.PropertyAsync(principal, propertyId, Need.Write);
        var updated = await grains.GetGrain<IEnforcementCompanyGrain>(id).RevokePropertyAsync(propertyId, principal.Actor);
        return TypedResults.Ok(VisibleTo(principal, updated));
    }

    /// <summary>A company's scopes span customers: each customer sees only its own.</summary>
    private static EnforcementCompanyView VisibleTo(ApiPrincipal principal, EnforcementCompanyView company) =>
        principal.IsAdmin || principal.EnforcementCompanyId == company.Id
            ? company
            : company with { Scopes = company.Scopes.Where(s => principal.CustomerId == s.CustomerId).ToArray() };
}
