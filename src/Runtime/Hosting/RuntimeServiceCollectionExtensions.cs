using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Vrps.Postgres.Migrations;
using Vrps.Runtime.Core;
using Vrps.Runtime.Metrics;
using Vrps.Runtime.Reminders;
using Vrps.Runtime.Storage;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Adds the virtual-actor runtime on the Postgres database at <paramref name="connectionString"/>.</summary>
    public static RuntimeBuilder AddVrpsRuntime(this IServiceCollection services, string connectionString, Action<RuntimeOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.Section).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            return builder.Build();
        });
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton(static sp => new StateStore(sp.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton(static sp => new StateCommitter(
            sp.GetRequiredService<StateStore>(),
            sp.GetRequiredService<RuntimeMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.MaxBatchSize,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Vrps.Runtime.GroupCommit"),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.MaxCommitsInFlight));
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton(static sp => new GrainRuntime(
            sp,
            sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetRequiredService<StateCommitter>(),
            sp.GetRequiredService<RuntimeMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>(),
            sp.GetRequiredService<ILogger<GrainRuntime>>()));
        services.TryAddSingleton<IGrainFactory>(static sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton(static sp => new EventLog(sp.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton(static sp => new GrainIndex(sp.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton(static sp => new ReminderService(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<GrainRuntime>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value,
            sp.GetRequiredService<RuntimeMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Vrps.Runtime.Reminders")));
        services.TryAddSingleton(static sp => new EventPumpService(
            sp.GetRequiredService<GrainRuntime>(),
            sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetServices<IEventConsumer>(),
            sp.GetRequiredService<EventLog>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value,
            sp.GetRequiredService<RuntimeMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Vrps.Runtime.Streams")));
        services.TryAddSingleton<MigrationRunner>();
        services.TryAddSingleton<SiloStatus>();
        services.AddSingleton(new MigrationSet("runtime", typeof(RuntimeServiceCollectionExtensions).Assembly));
        services.AddHostedService<SiloLifecycle>();
        return new RuntimeBuilder(services);
    }
}
