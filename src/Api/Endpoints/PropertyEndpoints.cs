using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Interfaces.Properties;
using Vrps.Runtime;

namespace Vrps.Api.Endpoints;

public static class PropertyEndpoints
{
    public static IEndpointRouteBuilder MapPropertyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/properties").WithTags("Properties");
        group.MapGet("/{id:guid}", GetProperty)
            .WithName("GetProperty").WithSummary("Read a property")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<PropertyView>> GetProperty(Guid id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPropertyGrain>(id).GetAsync());
}
