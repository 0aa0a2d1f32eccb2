namespace Vrps.Interfaces.Webhooks;

/// <summary>Grain index kinds: webhooks are listed by customer, deliveries by webhook.</summary>
public static class WebhookIndexKinds
{
    public const string Webhook = "webhook";
    public const string Delivery = "webhook_delivery";
}
