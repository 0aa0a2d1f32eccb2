namespace Vrps.Interfaces.Webhooks;

/// <param name="Id">"&lt;webhook id&gt;:&lt;sequence&gt;", the same id the payload carries: receivers de-duplicate with it.</param>
/// <param name="Sequence">The event's sequence in the customer's stream (the event feed's id).</param>
/// <param name="Status">pending, delivered or failed.</param>
/// <param name="LastStatusCode">The receiver's HTTP status on the last attempt; null when it did not answer.</param>
/// <param name="CompletedAt">When it was delivered or given up.</param>
[Immutable]
public sealed record WebhookDeliveryView(
    string Id,
    Guid WebhookId,
    Guid CustomerId,
    string EventType,
    long Sequence,
    int Attempts,
    string Status,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt);
