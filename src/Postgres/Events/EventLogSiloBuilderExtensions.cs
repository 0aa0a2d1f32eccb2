using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime;
using Vrps.Postgres.Migrations;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

public static class EventLogSiloBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> over the event log, and the log's migrations.
    /// Subscribers get events at-least-once, in order per stream, through implicit subscriptions; code that is not a grain
    /// reads the log through <see cref="EventLogReader"/>, registered too. It uses the silo's
    /// <see cref="NpgsqlDataSource"/>; one is registered on <paramref name="connectionString"/> if none is.
    /// </summary>
    public static ISiloBuilder AddEventLogStreams(
        this ISiloBuilder builder,
        string name,
        string connectionString,
        Action<EventLogStreamOptions>? configure = null,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var services = builder.Services;
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        var options = services.AddOptions<EventLogStreamOptions>(name).BindConfiguration($"{EventLogStreamOptions.Section}:{name}");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventLogStreamOptions>, EventLogStreamOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton<EventLogMetrics>();

        MigrateAtStart.Register(services, EventLogSchema.Migrations);
        services.AddEventLogReader();

        builder.AddPersistentStreams(name, EventLogAdapterFactory.Create, streams =>
        {
            // Grains receive events through implicit subscriptions, which need no pub-sub grain and no storage for one.
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            configureStreams?.Invoke(streams);
        });
        return builder;
    }
}
