using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Vrps.Postgres.Storage;
using Vrps.Interfaces;

namespace Vrps.Api.Problems;

/// <summary>
/// Turns every exception into an RFC 9457 problem with a stable code: the client's mistakes are 4xx, a storage outage
/// is 503 with Retry-After, and only our own bugs are 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "2";
        }
        else if (NothingDone(exception))
        {
            httpContext.Response.Headers.RetryAfter = "0";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A 4xx that is not the request's outcome: a write lost to another activation of its grain (two silos briefly
    /// both holding it while membership changes), so nothing was stored and the same request, retried now, runs on
    /// the activation that won. An Idempotency-Key must not pin it.
    /// </summary>
    internal static bool NothingDone(Exception exception) => exception is InconsistentStateException;

    internal static ProblemDetails Map(Exception exception) => exception switch
    {
        DomainException domain => Problem(StatusOf(domain.Kind), domain.Code, domain.Message, domain.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
            Problem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, tooLarge.Message),
        BadHttpRequestException bad => Problem(bad.StatusCode, ProblemCodes.MalformedRequest, Describe(bad)),
        InconsistentStateException => Problem(
            StatusCodes.Status409Conflict, ProblemCodes.Conflict, "The record changed while this request ran; nothing was stored. Retry."),
        GrainStorageWriteException or GrainStorageReadException or NpgsqlException => Problem(
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.StorageUnavailable, "The database is unavailable; nothing was stored. Retry shortly."),
        TimeoutException => Problem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Timeout, "The request timed out; retry shortly."),
        SiloUnavailableException or OrleansMessageRejectionException => Problem(
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.Timeout, "The service is briefly unavailable; retry shortly."),
        _ => Problem(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "An unexpected error occurred."),
    };

    /// <summary>The one place a domain refusal's kind becomes an HTTP status.</summary>
    internal static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Invalid => StatusCodes.Status400BadRequest,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"The request body is not valid JSON for this route: {json.Message}" : bad.Message;

    internal static ProblemDetails Problem(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = code.Replace('_', ' '),
            Detail = detail,
            Type = $"https://vrps.dev/problems/{code.Replace('_', '-')}",
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }
}
