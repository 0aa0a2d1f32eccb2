namespace Vrps.Interfaces.Webhooks;

/// <param name="StartAfterSequence">The customer stream's last sequence when the webhook was created: it receives what comes after.</param>
[Immutable]
public sealed record CreateWebhook(Guid CustomerId, string? Url, IReadOnlyList<string>? EventTypes, long StartAfterSequence);
