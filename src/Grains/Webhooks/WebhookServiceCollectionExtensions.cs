using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vrps.Grains.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Delivery options (section "Vrps:Webhooks") and the HttpClient the webhook grains post with.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.AddHttpClient(WebhookOptions.HttpClientName)
            .ConfigureHttpClient(static (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.RequestTimeout)
            // A redirect is the receiver's misconfiguration to fix, not an invitation to post the signed body elsewhere.
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
