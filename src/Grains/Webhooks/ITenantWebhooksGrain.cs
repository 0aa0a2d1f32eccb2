namespace Vrps.Grains.Webhooks;

/// <summary>Hands a customer's events to its webhooks (key: the customer id).</summary>
[Alias("Vrps.Grains.Webhooks.ITenantWebhooksGrain")]
public interface ITenantWebhooksGrain : IGrainWithGuidKey
{
    /// <summary>
    /// A webhook was created that wants the events after <paramref name="startAfterSequence"/>: it joins the list, and
    /// what this grain already handed over past that point is replayed to it, so no event falls between the two.
    /// </summary>
    [Alias("WebhookCreated")]
    Task WebhookCreatedAsync(Guid webhookId, long startAfterSequence);
}
