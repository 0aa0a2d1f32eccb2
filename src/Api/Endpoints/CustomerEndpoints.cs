using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Properties;
using Vrps.Runtime;

namespace Vrps.Api.Endpoints;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/customers").WithTags("Customers");

        group.MapPost("/", CreateCustomer)
            .WithName("CreateCustomer").WithSummary("Create a customer (a property-management company)")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:guid}", GetCustomer)
            .WithName("GetCustomer").WithSummary("Read a customer")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/properties", CreateProperty)
            .WithName("CreateProperty").WithSummary("Create a property owned by the customer")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<Created<CustomerView>> CreateCustomer(CreateCustomerRequest request, IGrainFactory grains)
    {
        var id = Guid.NewGuid();
        var customer = await grains.GetGrain<ICustomerGrain>(id).CreateAsync(new CreateCustomer(request.Name ?? ""));
        return TypedResults.Created($"/api/customers/{id}", customer);
    }

    private static async Task<Ok<CustomerView>> GetCustomer(Guid id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(id).GetAsync());

    private static async Task<Created<PropertyView>> CreateProperty(Guid id, CreatePropertyRequest request, IGrainFactory grains)
    {
        var propertyId = Guid.NewGuid();
        var property = await grains.GetGrain<ICustomerGrain>(id)
            .AddPropertyAsync(new CreateProperty(propertyId, request.Name ?? "", request.Timezone ?? ""));
        return TypedResults.Created($"/api/properties/{propertyId}", property);
    }
}

public sealed record CreateCustomerRequest(string? Name);

public sealed record CreatePropertyRequest(string? Name, string? Timezone);
