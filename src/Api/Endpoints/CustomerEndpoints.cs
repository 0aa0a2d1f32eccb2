using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Problems;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Users;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/customers").WithTags("Customers");
        group.MapPost("/", CreateAsync).WithName("CreateCustomer").WithSummary("Create a customer (platform admins)").WithProblems(409);
        group.MapGet("/", ListAsync).WithName("ListCustomers")
            .WithSummary("Customers, paged: every customer for platform admins, their own customer for operators; other roles 403").WithProblems();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCustomer").WithSummary("Read a customer").WithProblems();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateCustomer").WithSummary("Change name (operators) or status (platform admins)")
            .Accepts<UpdateCustomer>("application/json").WithProblems();
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCustomer").WithSummary("Soft-delete a customer and its properties (platform admins)").WithProblems();
        group.MapGet("/{id:guid}/properties", ListPropertiesAsync).WithName("ListProperties").WithSummary("The customer's properties, paged").WithProblems();
        group.MapPost("/{id:guid}/properties", CreatePropertyAsync).WithName("CreateProperty").WithSummary("Create a property owned by the customer").WithProblems(409);
        group.MapPost("/{id:guid}/users", CreateUserAsync).WithName("CreateUser").WithSummary("Create an operator user of the customer").WithProblems(409);
        return routes;
    }

    private static async Task<Created<CustomerView>> CreateAsync(CreateCustomerRequest request, ApiPrincipal principal, IGrainFactory grains)
    {
        RequireAdmin(principal);
        var id = Guid.NewGuid();
        var customer = await grains.GetGrain<ICustomerGrain>(id).CreateAsync(new CreateCustomer(request.Name!), principal.Actor);
        return TypedResults.Created($"/api/customers/{id}", customer);
    }

    private static async Task<Ok<Page<CustomerView>>> ListAsync(int? limit, string? cursor, ApiPrincipal principal, GrainIndex index)
    {
        // Like the key list: an operator's list is its own tenant, which for customers is the one row of its customer.
        if (!principal.IsAdmin && principal.Role != Roles.Operator)
        {
            throw new DomainException(ProblemCodes.Forbidden, "Only platform admins and operators list customers.", DomainErrorKind.Forbidden);
        }

        var tenant = principal.IsAdmin ? null : principal.CustomerId!.Value.ToString("D");
        return TypedResults.Ok(await PageRequest.ReadAsync<CustomerView>(index, IndexKinds.Customer, null, tenant, limit, cursor));
    }

    private static async Task<Ok<CustomerView>> GetAsync(Guid id, ApiPrincipal principal, Access access) =>
        TypedResults.Ok(await access.CustomerAsync(principal, id, Need.Read));

    private static async Task<Ok<CustomerView>> UpdateAsync(Guid id, JsonElement body, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var patch = PatchBody.Parse(body, ["name", "status"]);
        var command = new UpdateCustomer(patch.String("name"), patch.String("status"));
        await access.CustomerAsync(principal, id, command.Status is null ? Need.Write : Need.Admin);
        return TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(id).UpdateAsync(command, principal.Actor));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.CustomerAsync(principal, id, Need.Admin);
        await grains.GetGrain<ICustomerGrain>(id).DeleteAsync(principal.Actor);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<PropertyView>>> ListPropertiesAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await access.CustomerAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<PropertyView>(
            index, IndexKinds.Property, id.ToString("D"), null, limit, cursor, p => access.CanSeeAsync(principal, p.CustomerId, p.Id, null, null)));
    }

    private static async Task<Created<PropertyView>> CreatePropertyAsync(
        Guid id, CreatePropertyRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.CustomerAsync(principal, id, Need.Write);
        var command = new CreateProperty(Guid.NewGuid(), request.Name!, request.Timezone!, request.Branding);
        var property = await grains.GetGrain<ICustomerGrain>(id).AddPropertyAsync(command, principal.Actor);
        return TypedResults.Created($"/api/properties/{property.Id}", property);
    }

    private static async Task<Created<UserView>> CreateUserAsync(Guid id, CreateUserRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.CustomerAsync(principal, id, Need.Write);
        var userId = Guid.NewGuid();
        var user = await grains.GetGrain<IUserGrain>(userId).InitializeAsync(id, new CreateUser(userId, request.Email!, request.Name!), principal.Actor);
        return TypedResults.Created($"/api/users/{userId}", user);
    }

    internal static void RequireAdmin(ApiPrincipal principal)
    {
        if (!principal.IsAdmin)
        {
            throw new DomainException("forbidden", "Only a platform admin key may do this.", DomainErrorKind.Forbidden);
        }
    }
}
