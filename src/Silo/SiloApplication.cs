using Microsoft.AspNetCore.Builder;
using Vrps.Api;
using Vrps.Grains.Customers;
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
            .AddMigrations("api", typeof(ApiServiceCollectionExtensions).Assembly);
        builder.Services.AddVrpsApi();
        var app = builder.Build();
        app.UseVrpsApi();
        return app;
    }
}
