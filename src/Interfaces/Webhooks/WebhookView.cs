namespace Vrps.Interfaces.Webhooks;

/// <param name="EventTypes">Tenant event types it receives; "*" for all.</param>
/// <param name="Status">active or disabled.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last successful delivery.</param>
/// <param name="PendingDeliveries">Events queued and not yet delivered.</param>
/// <param name="DisabledReason">disabled_by_request or too_many_failures; null while active.</param>
[Immutable]
public sealed record WebhookView(
    Guid Id,
    Guid CustomerId,
    string Url,
    IReadOnlyList<string> EventTypes,
    string Status,
    int ConsecutiveFailures,
    int PendingDeliveries,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    string? DisabledReason);
