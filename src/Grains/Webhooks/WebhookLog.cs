using Microsoft.Extensions.Logging;

namespace Vrps.Grains.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Delivery {DeliveryId} failed on attempt {Attempt}: {Error}; next attempt in {Delay}")]
    public static partial void AttemptFailed(ILogger logger, string deliveryId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} disabled after {Failures} consecutive failed attempts; last error: {Error}")]
    public static partial void Disabled(ILogger logger, Guid webhookId, int failures, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} has {Pending} deliveries queued; event {Sequence} is recorded as failed instead")]
    public static partial void QueueFull(ILogger logger, Guid webhookId, int pending, long sequence);
}
