using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Vrps.Api.Auth;
using Vrps.Api.Events;
using Vrps.Api.Paging;
using Vrps.Api.Webhooks;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Webhooks;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/webhooks").WithTags("Webhooks");
        group.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to the customer's events (P4); the response holds the signing secret, shown this once. "
                + "A URL that is or resolves to a loopback, private or link-local address is refused (422 webhook_url_not_allowed)")
            .WithProblems(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook").WithSummary("Read a webhook (never its secret)").WithProblems();
        group.MapDelete("/{id:guid}", DisableAsync).WithName("DisableWebhook")
            .WithSummary("Disable a webhook: nothing more is delivered, and what was queued is recorded as failed").WithProblems();
        group.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's deliveries, oldest first, paged: attempts, status, the receiver's last answer").WithProblems();
        routes.MapGroup("/api/customers").WithTags("Webhooks")
            .MapGet("/{id:guid}/webhooks", ListAsync).WithName("ListWebhooks").WithSummary("The customer's webhooks, paged").WithProblems();
        return routes;
    }

    private static async Task<Created<WebhookCreated>> CreateAsync(
        CreateWebhookRequest request, ApiPrincipal principal, Access access, IGrainFactory grains, NpgsqlDataSource dataSource, HttpContext context)
    {
        var customerId = await WebhookAccess.CustomerForNewAsync(principal, access, request.CustomerId).ConfigureAwait(false);
        // A new webhook receives what happens from now on, not the customer's whole history.
        var head = await EventStreamHead.ReadAsync(dataSource, TenantEvents.Namespace, StreamKeys.Of(customerId), context.RequestAborted)
            .ConfigureAwait(false);
        var id = Guid.NewGuid();
        var webhook = await grains.GetGrain<IWebhookGrain>(id)
            .CreateAsync(new CreateWebhook(customerId, request.Url, request.EventTypes, head), principal.Actor).ConfigureAwait(false);
        return TypedResults.Created($"/api/webhooks/{id}", webhook);
    }

    private static async Task<Ok<WebhookView>> GetAsync(Guid id, ApiPrincipal principal, IGrainFactory grains) =>
        TypedResults.Ok(await WebhookAccess.WebhookAsync(principal, grains, id).ConfigureAwait(false));

    private static async Task<NoContent> DisableAsync(Guid id, ApiPrincipal principal, IGrainFactory grains)
    {
        await WebhookAccess.WebhookAsync(principal, grains, id).ConfigureAwait(false);
        await grains.GetGrain<IWebhookGrain>(id).DisableAsync(principal.Actor).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<WebhookDeliveryView>>> ListDeliveriesAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, IGrainFactory grains, GrainIndex index)
    {
        await WebhookAccess.WebhookAsync(principal, grains, id).ConfigureAwait(false);
        return TypedResults.Ok(await PageRequest.ReadAsync<WebhookDeliveryView>(index, WebhookIndexKinds.Delivery, id.ToString("D"), null, limit, cursor)
            .ConfigureAwait(false));
    }

    private static async Task<Ok<Page<WebhookView>>> ListAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        // Webhooks are the customer's configuration: those who may change it read it, as for a single webhook.
        await access.CustomerAsync(principal, id, Need.Write).ConfigureAwait(false);
        return TypedResults.Ok(await PageRequest.ReadAsync<WebhookView>(index, WebhookIndexKinds.Webhook, id.ToString("D"), null, limit, cursor)
            .ConfigureAwait(false));
    }
}
