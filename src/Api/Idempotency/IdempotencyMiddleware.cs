using Vrps.Grains.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Npgsql;
using Vrps.Api.Problems;

namespace Vrps.Api.Idempotency;

/// <summary>
/// Rule P2: a POST, PUT or PATCH sent with an Idempotency-Key runs at most once per <see cref="IdempotencyScope"/> (the API
/// key, or the anonymous scope of claims) and key; a retry gets the first response back. Keys, claims and responses live
/// in Postgres, so this holds across silos and restarts.
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next,
    NpgsqlDataSource dataSource,
    [FromKeyedServices(BusinessTime.Key)] TimeProvider time,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";

    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    // A claim can vanish or expire between the failed insert and the read; a few rounds settle every such race.
    private const int ClaimAttempts = 3;

    private readonly IdempotencyStore store = new(dataSource);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsCovered(request)
            || !request.Headers.TryGetValue(HeaderName, out var values)
            || IdempotencyScope.Of(context) is not { } scope)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (Invalid(values) is { } error)
        {
            await Problems.Problems.Of(
                    StatusCodes.Status400BadRequest,
                    ProblemCodes.ValidationFailed,
                    error,
                    new Dictionary<string, string[]> { [HeaderName] = [error] })
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var key = values.ToString();
        var hash = await HashAsync(request, context.RequestAborted).ConfigureAwait(false);
        var claimId = Guid.NewGuid();
        var owner = silo.SiloAddress.ToParsableString();
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var deadOwners = DeadSilos();
            if (await store.TryClaimAsync(scope, key, claimId, hash, now, owner, deadOwners).ConfigureAwait(false))
            {
                await ExecuteAsync(context, scope, key, claimId).ConfigureAwait(false);
                return;
            }

            var existing = await store.ReadAsync(scope, key, context.RequestAborted).ConfigureAwait(false);
            if (existing is null || IdempotencyTakeover.IsReclaimable(existing, now, deadOwners))
            {
                continue;
            }

            if (!existing.RequestHash.Span.SequenceEqual(hash))
            {
                await Problems.Problems.Of(
                        StatusCodes.Status422UnprocessableEntity,
                        ProblemCodes.IdempotencyKeyReused,
                        $"This {HeaderName} was already used for a different request (method, path or body); use a new key for a new request.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (existing.Response is { } stored)
            {
                await ReplayAsync(context, stored).ConfigureAwait(false);
                IdempotencyLog.Replayed(logger, scope, stored.StatusCode);
                return;
            }

            break;
        }

        await InProgressAsync(context).ConfigureAwait(false);
    }

    private static bool IsCovered(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static string? Invalid(StringValues values)
    {
        if (values.Count != 1)
        {
            return $"Send exactly one {HeaderName} header.";
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            return $"{HeaderName} must be 1 to {MaxKeyLength} characters long.";
        }

        return key.All(static c => c is >= ' ' and <= '~') ? null : $"{HeaderName} must contain printable ASCII characters only.";
    }

    /// <summary>The silos this silo's membership view has declared dead: requests they were running died with them.</summary>
    private HashSet<string> DeadSilos() =>
        membership.CurrentSnapshot.Members.Values
            .Where(static m => m.Status == SiloStatus.Dead)
            .Select(static m => m.SiloAddress.ToParsableString())
            .ToHashSet(StringComparer.Ordinal);

    private static async Task<byte[]> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Buffered, so the endpoint can read the body again after the hash has.
        request.EnableBuffering();
        var hash = await RequestHash.ComputeAsync(request.Method, request.Path.Value + request.QueryString.Value, request.Body, cancellationToken)
            .ConfigureAwait(false);
        request.Body.Position = 0;
        return hash;
    }

    private async Task ExecuteAsync(HttpContext context, Guid keyId, string key, Guid claimId)
    {
        var response = context.Response;
        var realBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer, realBody);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        bool settled;
        try
        {
            settled = await RunCapturedAsync(context).ConfigureAwait(false);
            await capture.CompleteAsync().ConfigureAwait(false);
        }
        catch
        {
            // The request's outcome is unknown to the client: let a retry run it again rather than pin a failure.
            await ReleaseAsync(keyId, key, claimId).ConfigureAwait(false);
            throw;
        }
        finally
        {
            context.Features.Set(realBody);
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!settled || response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            await ReleaseAsync(keyId, key, claimId).ConfigureAwait(false);
        }
        else
        {
            await StoreAsync(keyId, key, claimId, new StoredResponse(response.StatusCode, response.ContentType, response.Headers.Location, body))
                .ConfigureAwait(false);
        }

        if (!body.IsEmpty)
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <returns>False when the answer is not the request's outcome, so a retry with the key must run it again.</returns>
    private async Task<bool> RunCapturedAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (ProblemExceptionHandler.Map(exception).Status < StatusCodes.Status500InternalServerError)
        {
            // A refusal is part of the request's outcome and a retry must get the same one, so it is written here,
            // inside the capture, instead of by the exception handler further out that would write past it.
            context.Response.Clear();
            var handler = new ProblemExceptionHandler(context.RequestServices.GetRequiredService<IProblemDetailsService>());
            await handler.TryHandleAsync(context, exception, context.RequestAborted).ConfigureAwait(false);
            return !ProblemExceptionHandler.NothingDone(exception);
        }
    }

    private async Task StoreAsync(Guid keyId, string key, Guid claimId, StoredResponse response)
    {
        try
        {
            // Not the request's token: the work is done, and a client that hung up will retry and want this response.
            if (!await store.CompleteAsync(keyId, key, claimId, response, time.GetUtcNow()).ConfigureAwait(false))
            {
                IdempotencyLog.ClaimLost(logger, keyId);
            }
        }
        catch (NpgsqlException exception)
        {
            // The endpoint's work is committed; failing the response now would only make the client retry blind.
            IdempotencyLog.StoreFailed(logger, keyId, exception);
        }
    }

    private async Task ReleaseAsync(Guid keyId, string key, Guid claimId)
    {
        try
        {
            await store.ReleaseAsync(keyId, key, claimId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            IdempotencyLog.ReleaseFailed(logger, keyId, exception);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }

        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        response.Headers[ReplayedHeaderName] = "true";
        if (!stored.Body.IsEmpty)
        {
            response.ContentLength = stored.Body.Length;
            await response.Body.WriteAsync(stored.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task InProgressAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        await Problems.Problems.Of(
                StatusCodes.Status409Conflict,
                ProblemCodes.IdempotencyKeyInProgress,
                $"A request with this {HeaderName} is still being processed; retry it shortly to get its response.")
            .ExecuteAsync(context).ConfigureAwait(false);
    }
}
