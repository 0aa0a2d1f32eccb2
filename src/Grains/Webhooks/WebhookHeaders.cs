namespace Vrps.Grains.Webhooks;

internal static class WebhookHeaders
{
    /// <summary>The webhook's id, so a receiver serving several webhooks knows which secret verifies the signature.</summary>
    public const string WebhookId = "Vrps-Webhook-Id";

    public const string EventType = "Vrps-Event-Type";

    /// <summary>Unix seconds when the attempt was signed.</summary>
    public const string Timestamp = "Vrps-Timestamp";

    public const string Signature = "Vrps-Signature";
}
