namespace Vrps.Interfaces.Webhooks;

/// <param name="Secret">The signing secret, "whsec_&lt;base64&gt;" as Standard Webhooks libraries take it: shown in this response only, never again.</param>
[Immutable]
public sealed record WebhookCreated(
    Guid Id,
    Guid CustomerId,
    string Url,
    IReadOnlyList<string> EventTypes,
    string Status,
    string Secret,
    DateTimeOffset CreatedAt);
