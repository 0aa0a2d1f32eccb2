namespace Vrps.Interfaces.Webhooks;

/// <summary>
/// A tenant event handed to a webhook. The payload stays in the event log and is read back at delivery time, so the
/// webhook's queue holds only this much per event.
/// </summary>
[Immutable]
public sealed record WebhookEvent(long Sequence, string Type, DateTimeOffset OccurredAt);
