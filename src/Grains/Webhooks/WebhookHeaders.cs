namespace Vrps.Grains.Webhooks;

/// <summary>The Standard Webhooks headers every delivery carries.</summary>
internal static class WebhookHeaders
{
    /// <summary>The delivery's id, "&lt;webhook id&gt;:&lt;sequence&gt;": the same on every attempt, for de-duplication.</summary>
    public const string Id = "webhook-id";

    /// <summary>Unix seconds when the attempt was signed.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>"v1,&lt;base64 signature&gt;"; see <see cref="WebhookSignature"/>.</summary>
    public const string Signature = "webhook-signature";
}
