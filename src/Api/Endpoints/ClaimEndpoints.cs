using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Problems;
using Vrps.Api.Requests;
using Vrps.Grains.Claims;
using Vrps.Interfaces;
using Vrps.Interfaces.Claims;
using Vrps.Interfaces.Passes;

namespace Vrps.Api.Endpoints;

public static class ClaimEndpoints
{
    public const string RateLimitPolicy = "claims";

    public static IEndpointRouteBuilder MapClaimEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/claims").WithTags("Claims")
            .MapPost("/", ClaimAsync).WithName("Claim")
            .WithSummary("Claim a pass: offerId (open offers), code, or shareToken; no API key needed — the code or token is the authorization. " +
                         "Send Idempotency-Key to make retries safe. Refusals: offer_exhausted, offer_not_active, outside_claim_window, " +
                         "code_invalid, unit_limit_reached, lot_full, quota_exceeded")
            .WithMetadata(new AllowAnonymousKeyAttribute())
            .RequireRateLimiting(RateLimitPolicy)
            .Produces<PassView>(StatusCodes.Status201Created)
            .Produces<PassView>(StatusCodes.Status200OK)
            .WithProblems(409, 422, 429);
        return routes;
    }

    private static async Task<IResult> ClaimAsync(ClaimBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimCoordinator claims)
    {
        var lotId = body.LotId!.Value;
        var outcome = await claims.TryClaimAsync(new ClaimRequest(
            body.OfferId, body.Code, body.ShareToken, lotId, body.Phone, body.Email, null, body.Plate, idempotencyKey, Issuer: null));
        if (outcome.Refused is { } refused)
        {
            return Problems.Problems.Of(ProblemExceptionHandler.StatusOf(refused.Kind), refused.Code, refused.Message);
        }

        var result = outcome.Claimed!;
        return result.Replayed
            ? TypedResults.Ok(result.Pass)
            : TypedResults.Created($"/api/passes/{result.Pass.Id}", result.Pass);
    }
}
