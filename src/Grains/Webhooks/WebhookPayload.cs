using System.Text.Json;

namespace Vrps.Grains.Webhooks;

/// <summary>The body of a delivery.</summary>
/// <param name="Id">"&lt;webhook id&gt;:&lt;sequence&gt;": the same on every attempt, so receivers can de-duplicate.</param>
/// <param name="Data">The entity's view after the change, as on the event feed.</param>
internal sealed record WebhookPayload(string Id, string Type, long Sequence, DateTimeOffset OccurredAt, JsonElement Data);
