using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Api.Auth;
using Vrps.Api.Events;
using Vrps.Interfaces;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Events;
using Vrps.Postgres.Events;

namespace Vrps.Api.Endpoints;

public static class EventFeedEndpoints
{
    public static IEndpointRouteBuilder MapEventFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/events").WithTags("Events")
            .MapGet("/", StreamAsync).WithName("StreamEvents")
            .WithSummary("The tenant's domain events as Server-Sent Events (P4): id is the sequence, resumable with Last-Event-ID or ?after=; "
                + "?types= filters, ?from=now skips history, ?limit= closes after that many events")
            .Produces(StatusCodes.Status200OK, contentType: EventFeedWriter.ContentType)
            .WithProblems();
        return routes;
    }

    private static async Task StreamAsync(
        HttpContext context,
        [AsParameters] EventFeedQuery query,
        ApiPrincipal principal,
        IGrainFactory grains,
        EventLogReader log,
        NpgsqlDataSource dataSource,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        // Everything that can be refused is checked before the first byte: once streaming, only closing is left.
        var customerId = await TenantOfAsync(principal, query.CustomerId, grains).ConfigureAwait(false);
        var start = EventFeedStart.Parse(query);
        var customerKey = StreamKeys.Of(customerId);
        var after = start.After ?? await EventStreamHead.ReadAsync(dataSource, TenantEvents.Namespace, customerKey, context.RequestAborted).ConfigureAwait(false);

        // An open feed must not hold up shutdown until the client happens to leave.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var writer = new EventFeedWriter(log, time, loggers.CreateLogger("Vrps.Api.EventFeed"));
        await writer.WriteAsync(context.Response, customerKey, after, start, stopping.Token).ConfigureAwait(false);
    }

    /// <summary>Operators and managers read their own customer's stream; platform admins name one; nobody else reads any.</summary>
    private static async Task<Guid> TenantOfAsync(ApiPrincipal principal, Guid? requested, IGrainFactory grains)
    {
        if (principal.IsAdmin)
        {
            var customerId = requested ?? throw DomainException.Validation("customerId", "customerId is required for a platform admin key.");
            await grains.GetGrain<ICustomerGrain>(customerId).GetAsync().ConfigureAwait(false);
            return customerId;
        }

        if (principal.Role is not (Roles.Operator or Roles.Manager) || principal.CustomerId is not { } own)
        {
            throw new DomainException("forbidden", $"Keys of role {principal.Role} may not read the event feed.", DomainErrorKind.Forbidden);
        }

        if (requested is { } other && other != own)
        {
            throw DomainException.NotFound("Customer", other);
        }

        return own;
    }
}
