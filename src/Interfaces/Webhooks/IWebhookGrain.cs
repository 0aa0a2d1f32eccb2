
namespace Vrps.Interfaces.Webhooks;

/// <summary>One webhook (P4): its configuration, and the queue of events it still has to deliver, one at a time.</summary>
public interface IWebhookGrain : IGrainWithGuidKey
{
    /// <summary>The answer is the only place the signing secret is ever shown.</summary>
    Task<WebhookCreated> CreateAsync(CreateWebhook command, Actor actor);

    // A delivery turn can wait up to the request timeout on a slow receiver; reading the configuration must not.
    [AlwaysInterleave]
    Task<WebhookView> GetAsync();

    /// <summary>Stops deliveries for good; what was still queued is recorded as failed. Disabling twice is a no-op.</summary>
    Task<WebhookView> DisableAsync(Actor actor);

    /// <summary>
    /// Hands over events of the customer's stream, in sequence order. Idempotent: a sequence at or below the highest one
    /// already handed over is a repeat from the at-least-once consumer and is ignored.
    /// </summary>
    // It only appends to the tail of the queue, never touching the delivery a turn may be awaiting; interleaving keeps
    // the event consumer, and with it every other tenant's webhooks, from waiting behind one slow receiver.
    [AlwaysInterleave]
    Task EnqueueAsync(IReadOnlyList<WebhookEvent> events);
}
