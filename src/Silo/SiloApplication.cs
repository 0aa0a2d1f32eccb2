using Microsoft.AspNetCore.Builder;
using Vrps.Api;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Grains.Claims;
using Vrps.Grains.Customers;
using Vrps.Grains.Webhooks;
using Vrps.Runtime.Hosting;

namespace Vrps.Silo;

/// <summary>Composes runtime, grains and API into one web application; Program and the API tests both build it here.</summary>
public static class SiloApplication
{
    public static WebApplication Build(WebApplicationBuilder builder, string connectionString)
    {
        builder.Services
            .AddVrpsRuntime(connectionString)
            .AddGrainsFrom(typeof(CustomerGrain).Assembly)
            .AddGrainsFrom(typeof(ApiServiceCollectionExtensions).Assembly)
            .AddEventConsumer<WebhookEventConsumer>()
            .AddMigrations("api", typeof(ApiServiceCollectionExtensions).Assembly);
        builder.Services.AddVrpsApi();
        builder.Services.AddWebhookDelivery();
        builder.Services.AddSingleton<ClaimCoordinator>();
        builder.Services.AddOptions<PassOptions>().BindConfiguration(PassOptions.Section);
        var app = builder.Build();
        app.UseVrpsApi();
        return app;
    }
}
