using System.Text.Json;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Webhooks;
using Vrps.Runtime;
using Vrps.Runtime.Streams;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// Reads the tenant event streams and hands each event to every active webhook of its customer that wants its type.
/// At-least-once: a failed batch is handed over again, and the webhook grains drop the repeats by sequence.
/// </summary>
public sealed class WebhookEventConsumer(IGrainFactory grains, GrainIndex index) : IEventConsumer
{
    public string Name => "webhooks";

    public IReadOnlyCollection<string> Namespaces { get; } = [TenantEvents.Namespace];

    public async Task HandleAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        var handOvers = new List<Task>();
        foreach (var stream in events.GroupBy(static e => e.Stream.Key))
        {
            // One index read per customer and batch, however many of its events the batch holds.
            foreach (var webhook in await ActiveWebhooksAsync(stream.Key, cancellationToken).ConfigureAwait(false))
            {
                var matching = stream
                    .Where(e => WebhookRules.Matches(webhook.EventTypes, e.Type))
                    .OrderBy(static e => e.Sequence)
                    .Select(static e => new WebhookEvent(e.Sequence, e.Type, e.OccurredAt))
                    .ToList();
                if (matching.Count > 0)
                {
                    handOvers.Add(grains.GetGrain<IWebhookGrain>(webhook.Id).EnqueueAsync(matching));
                }
            }
        }

        await Task.WhenAll(handOvers).ConfigureAwait(false);
    }

    private async Task<List<WebhookView>> ActiveWebhooksAsync(string customerKey, CancellationToken cancellationToken)
    {
        var webhooks = new List<WebhookView>();
        string? cursor = null;
        do
        {
            var page = await index.ListAsync(WebhookIndexKinds.Webhook, customerKey, null, cursor, GrainIndex.MaxPageSize, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            webhooks.AddRange(page.Items
                .Select(static item => item.Deserialize<WebhookView>(RuntimeJson.Options)!)
                .Where(static w => w.Status == WebhookStatuses.Active));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return webhooks;
    }
}
