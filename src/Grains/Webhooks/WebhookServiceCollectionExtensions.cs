using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vrps.Grains.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Delivery options (section "Vrps:Webhooks"), the target guard, and the HttpClient the webhook grains post with:
    /// every connection it opens goes through the guard.
    /// </summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookTargetGuard>();
        services.AddHttpClient(WebhookOptions.HttpClientName)
            .ConfigureHttpClient(static (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(static provider => new SocketsHttpHandler
            {
                // A redirect is the receiver's misconfiguration to fix, not an invitation to post the signed body
                // elsewhere, nor a way around the target check.
                AllowAutoRedirect = false,
                // Through a proxy the connection checked would be the proxy's, and the proxy would reach the target.
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
            });
        return services;
    }
}
