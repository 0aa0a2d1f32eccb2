using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vrps.Api.Endpoints;

internal static class EndpointConventions
{
    /// <summary>Documents the problems every authenticated route can answer with.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] extra)
    {
        foreach (var status in new[] { 400, 401, 403, 404, 503 }.Concat(extra).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    public static IResult NoContent() => TypedResults.NoContent();
}
