using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.ApiKeys;
using Vrps.Interfaces.Enforcement;
using Vrps.Interfaces.Users;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/api-keys").WithTags("API keys");
        group.MapPost("/", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Create a key; the response holds the key itself, shown this once. Operators create operator and manager keys of their customer")
            .WithProblems();
        group.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("Keys visible to the caller (never their secrets), paged").WithProblems();
        group.MapGet("/current", Current).WithName("GetCurrentApiKey")
            .WithSummary("The key making this request: its role and what it is bound to (a manager key: the units it manages), never its secret")
            .WithProblems();
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke a key: it is refused from the next request on").WithProblems();
        return routes;
    }

    private static async Task<Created<ApiKeyCreated>> CreateAsync(CreateApiKeyRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var role = request.Role!;
        var (customerId, userId, companyId, consumerId) = await ResolveBindingAsync(request, role, principal, access, grains);
        var id = Guid.NewGuid();
        var (token, hash) = ApiKeyToken.Create(id);
        var key = await grains.GetGrain<IApiKeyGrain>(id)
            .CreateAsync(new CreateApiKey(hash, request.Name ?? "", role, customerId, userId, companyId, consumerId), principal.Actor);
        return TypedResults.Created(
            $"/api/api-keys/{id}",
            new ApiKeyCreated(key.Id, key.Name, key.Role, key.CustomerId, key.UserId, key.EnforcementCompanyId, key.ConsumerId, key.CreatedAt, token));
    }

    /// <summary>
    /// Lets a page signed in with a typed key, or an integrator, learn which company, user or consumer the key stands
    /// for without an admin: the patrol page lists its company's lots from it, the manager page its units.
    /// </summary>
    private static async Task<Ok<CurrentApiKey>> Current(ApiPrincipal principal, IGrainFactory grains)
    {
        IReadOnlyList<Guid> units = principal is { Role: Roles.Manager, UserId: { } userId }
            ? (await grains.GetGrain<IUserGrain>(userId).GetAsync()).ManagedUnitIds
            : [];
        return TypedResults.Ok(new CurrentApiKey(
            principal.KeyId, principal.Role, principal.CustomerId, principal.UserId, principal.EnforcementCompanyId, principal.ConsumerId, units));
    }

    /// <summary>What the new key is bound to, by role; and whether the caller may mint such a key.</summary>
    private static async Task<(Guid? Customer, Guid? User, Guid? Company, Guid? Consumer)> ResolveBindingAsync(
        CreateApiKeyRequest request, string role, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        switch (role)
        {
            case Roles.PlatformAdmin:
                CustomerEndpoints.RequireAdmin(principal);
                return (null, null, null, null);
            case Roles.Operator:
                var customerId = request.CustomerId ?? throw DomainException.Validation("customerId", "customerId is required for an operator key.");
                await access.CustomerAsync(principal, customerId, Need.Write);
                return (customerId, null, null, null);
            case Roles.Manager:
                var userId = request.UserId ?? throw DomainException.Validation("userId", "userId is required for a manager key.");
                var user = await grains.GetGrain<IUserGrain>(userId).GetAsync();
                await access.CustomerAsync(principal, user.CustomerId, Need.Write);
                return (user.CustomerId, userId, null, null);
            case Roles.Enforcement:
                CustomerEndpoints.RequireAdmin(principal);
                var companyId = request.EnforcementCompanyId
                    ?? throw DomainException.Validation("enforcementCompanyId", "enforcementCompanyId is required for an enforcement key.");
                await grains.GetGrain<IEnforcementCompanyGrain>(companyId).GetAsync();
                return (null, null, companyId, null);
            case Roles.Consumer:
                CustomerEndpoints.RequireAdmin(principal);
                var consumerId = request.ConsumerId ?? throw DomainException.Validation("consumerId", "consumerId is required for a consumer key.");
                return (null, null, null, consumerId);
            default:
                throw DomainException.Validation("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        }
    }

    private static async Task<Ok<Page<ApiKeyView>>> ListAsync(int? limit, string? cursor, ApiPrincipal principal, GrainIndex index)
    {
        if (!principal.IsAdmin && principal.Role != Roles.Operator)
        {
            throw new DomainException("forbidden", "Only platform admins and operators list API keys.", DomainErrorKind.Forbidden);
        }

        var tenant = principal.IsAdmin ? null : principal.CustomerId!.Value.ToString("D");
        return TypedResults.Ok(await PageRequest.ReadAsync<ApiKeyView>(index, IndexKinds.ApiKey, null, tenant, limit, cursor));
    }

    private static async Task<NoContent> RevokeAsync(Guid id, ApiPrincipal principal, IGrainFactory grains)
    {
        var key = grains.GetGrain<IApiKeyGrain>(id);
        var credential = await key.GetCredentialAsync();
        var mayRevoke = credential is not null && (principal.IsAdmin || principal.KeyId == id
            || (principal.Role == Roles.Operator && credential.Key.CustomerId == principal.CustomerId));
        if (!mayRevoke)
        {
            throw DomainException.NotFound("API key", id);
        }

        await key.RevokeAsync(principal.Actor);
        return TypedResults.NoContent();
    }
}
