using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Vrps.Api;
using Vrps.Api.Telemetry;
using Vrps.Grains.Claims;
using Vrps.Grains.Common;
using Vrps.Grains.Webhooks;
using Vrps.Interfaces;
using Vrps.Postgres.AdoNet;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Events;
using Vrps.Postgres.Connections;
using Vrps.Postgres.Index;
using Vrps.Postgres.Migrations;
using Vrps.Postgres.Storage;

namespace Vrps.Silo;

/// <summary>
/// Composes the Orleans silo (our Postgres providers), the grains and the API into one web application; Program and
/// the API tests both build it here.
/// </summary>
public static class SiloApplication
{
    /// <summary>The persistent stream provider over the event log that delivers the grains' implicit subscriptions.</summary>
    public const string EventStreams = "events";

    /// <summary>The stock <c>Microsoft.Orleans.Persistence.AdoNet</c> storage, wired beside ours for comparison.</summary>
    public const string StockStorage = "adonet";

    public static WebApplication Build(WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        connectionString = PostgresConnectionStrings.WithDefaults(connectionString);
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddKeyedSingleton(BusinessTime.Key, TimeProvider.System);
        services.Configure<HostOptions>(options => SiloShutdown.Configure(options, configuration));
        services.AddSerializer(serializer => serializer.AddJsonSerializer(CrossesGrainsAsJson, VrpsJson.Options));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = configuration["Orleans:ClusterId"] ?? "vrps";
                options.ServiceId = configuration["Orleans:ServiceId"] ?? "vrps";
            });
            silo.Configure<EndpointOptions>(options =>
            {
                options.AdvertisedIPAddress = configuration["Orleans:Endpoints:AdvertisedIPAddress"] is { Length: > 0 } address
                    ? IPAddress.Parse(address)
                    : IPAddress.Loopback;
                options.SiloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
                options.GatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
            });
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                ClusterMembership.ApplyDefaults(options);
                configuration.GetSection("Orleans:Membership").Bind(options);
            });
            silo.UsePostgresClustering(connectionString)
                .UsePostgresReminders()
                .AddVrpsGrainStorageAsDefault(options =>
                {
                    options.ConnectionString = connectionString;
                    options.JsonSerializerOptions = VrpsJson.Options;
                })
                .AddPostgresAdoNetGrainStorage(StockStorage)
                .AddPostgresDeadlines(connectionString)
                .AddPostgresGrainIndex(connectionString)
                .AddEventLogStreams(EventStreams, connectionString);
            if (DashboardEnabled(configuration))
            {
                silo.AddDashboard();
            }
        });
        CachedGrainFactory.Register(services);
        services.AddEventLogReader();
        MigrateAtStart.Register(services, new MigrationSet("api", typeof(ApiServiceCollectionExtensions).Assembly));
        services.AddVrpsApi();
        services.AddVrpsTelemetry(exportOtlp: !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        services.AddWebhookDelivery();
        services.AddSingleton<ClaimCoordinator>();
        services.AddOptions<PassOptions>().BindConfiguration(PassOptions.Section);
        var app = builder.Build();
        app.UseVrpsApi();
        if (DashboardEnabled(configuration))
        {
            app.MapOrleansDashboard(ApiApplicationExtensions.DashboardPath);
        }

        return app;
    }

    /// <summary>
    /// Orleans' dashboard samples every silo's counters each second, so it is off unless asked for
    /// (<c>Vrps:Dashboard:Enabled</c>); when on, it is served at /dashboard to platform admins only.
    /// </summary>
    private static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue("Vrps:Dashboard:Enabled", false);

    /// <summary>
    /// The records crossing grain boundaries are the API's JSON shapes already, so one System.Text.Json codec serves all
    /// of our namespaces (with the options stored state and events use) instead of ids on some hundred records.
    /// Exceptions keep Orleans' own codecs.
    /// </summary>
    private static bool CrossesGrainsAsJson(Type type) =>
        type.Namespace is { } name && name.StartsWith("Vrps.", StringComparison.Ordinal)
        && !typeof(Exception).IsAssignableFrom(type) && !type.IsInterface && !type.IsAbstract;
}
