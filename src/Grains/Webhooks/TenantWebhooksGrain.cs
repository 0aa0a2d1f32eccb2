using System.Text.Json;
using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Webhooks;
using Vrps.Postgres.Events;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// Subscribed to a customer's event stream, it hands each event to every active webhook of the customer that wants its
/// type. The list of webhooks is read once per activation and kept current by <see cref="WebhookCreatedAsync"/>.
/// At-least-once: a replayed event is handed over again, and the webhook grains drop repeats by sequence.
/// </summary>
[GrainType("tenant_webhooks")]
[ImplicitStreamSubscription(TenantEvents.Namespace)]
public sealed class TenantWebhooksGrain(GrainIndex index, EventLogReader log) : VrpsGrain, ITenantWebhooksGrain, IStreamSubscriptionObserver
{
    private const int ReplayPage = 500;

    private List<WebhookView>? webhooks;
    private long handedOver;

    private string CustomerKey => StreamKeys.Of(this.GetPrimaryKey());

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => ResumeEventsAsync(handleFactory, () => handedOver, OnEventAsync);

    public async Task WebhookCreatedAsync(Guid webhookId, long startAfterSequence)
    {
        webhooks = await ActiveWebhooksAsync();
        if (webhooks.FirstOrDefault(w => w.Id == webhookId) is not { } webhook)
        {
            return;
        }

        for (var after = startAfterSequence; after < handedOver;)
        {
            var events = await log.ReadStreamAsync(TenantEvents.Namespace, CustomerKey, after, ReplayPage);
            if (events.Count == 0)
            {
                break;
            }

            var due = events.Where(e => e.Sequence <= handedOver && WebhookRules.Matches(webhook.EventTypes, e.Type))
                .Select(static e => new WebhookEvent(e.Sequence, e.Type, e.OccurredAt))
                .ToList();
            if (due.Count > 0)
            {
                await GrainFactory.GetGrain<IWebhookGrain>(webhook.Id).EnqueueAsync(due);
            }

            after = events[^1].Sequence;
        }
    }

    private async Task OnEventAsync(StreamEvent streamEvent)
    {
        webhooks ??= await ActiveWebhooksAsync();
        var item = new WebhookEvent(streamEvent.Sequence, streamEvent.Type, streamEvent.OccurredAt);
        var handOvers = webhooks
            .Where(w => WebhookRules.Matches(w.EventTypes, streamEvent.Type))
            .Select(w => GrainFactory.GetGrain<IWebhookGrain>(w.Id).EnqueueAsync([item]));
        await Task.WhenAll(handOvers);
        handedOver = streamEvent.Sequence;
    }

    private async Task<List<WebhookView>> ActiveWebhooksAsync()
    {
        var active = new List<WebhookView>();
        string? cursor = null;
        do
        {
            var page = await index.ListAsync(WebhookIndexKinds.Webhook, this.GetPrimaryKey().ToString("D"), null, cursor, GrainIndex.MaxPageSize);
            active.AddRange(page.Items
                .Select(static item => item.Deserialize<WebhookView>(VrpsJson.Options)!)
                .Where(static w => w.Status == WebhookStatuses.Active));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return active;
    }
}
