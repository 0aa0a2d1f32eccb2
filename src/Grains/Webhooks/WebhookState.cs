using Vrps.Grains.Common;
using Vrps.Interfaces.Webhooks;

namespace Vrps.Grains.Webhooks;

public sealed class WebhookState : EntityState
{
    public string Url { get; set; } = "";

    public List<string> EventTypes { get; set; } = [];

    /// <summary>
    /// Kept in clear: every delivery is signed with it. "whsec_&lt;base64&gt;"; rows from before that format hold a bare
    /// string, which <see cref="WebhookSignature.Key"/> still keys with.
    /// </summary>
    public string Secret { get; set; } = "";

    public string Status { get; set; } = WebhookStatuses.Active;

    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    public int ConsecutiveFailures { get; set; }

    /// <summary>
    /// The highest sequence of the customer's stream handed to this webhook. Handing over is at-least-once and in
    /// sequence order, so anything at or below it is a repeat.
    /// </summary>
    public long HandedOverThrough { get; set; }

    /// <summary>Deliveries not yet done, in sequence order; the first is the one being attempted.</summary>
    public List<QueuedDelivery> Queue { get; set; } = [];
}
