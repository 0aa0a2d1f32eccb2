namespace Vrps.Interfaces.Webhooks;

public static class WebhookProblemCodes
{
    /// <summary>The URL names, or resolves to, an address webhooks may not reach (loopback, private, link-local, …).</summary>
    public const string UrlNotAllowed = "webhook_url_not_allowed";
}
