namespace Vrps.Interfaces.Webhooks;

/// <param name="Secret">The HMAC-SHA256 signing key: shown in this response only, never again.</param>
public sealed record WebhookCreated(
    Guid Id,
    Guid CustomerId,
    string Url,
    IReadOnlyList<string> EventTypes,
    string Status,
    string Secret,
    DateTimeOffset CreatedAt);
