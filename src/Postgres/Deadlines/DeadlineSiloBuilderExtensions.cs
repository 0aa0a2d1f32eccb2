using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Deadlines;

public static class DeadlineSiloBuilderExtensions
{
    /// <summary>
    /// The service key of a <see cref="TimeProvider"/> for business time, when it must differ from the silo's own: the
    /// silo runs its membership and timers on the unkeyed one, which a test must not freeze.
    /// </summary>
    public const string BusinessTimeKey = "Vrps.BusinessTime";

    /// <summary>
    /// Adds durable deadlines: <see cref="IDeadlines"/> for grains, the silo-wide service firing them, and their
    /// migrations. They use the silo's <see cref="NpgsqlDataSource"/>, one is registered on
    /// <paramref name="connectionString"/> if none is.
    /// </summary>
    public static ISiloBuilder AddPostgresDeadlines(this ISiloBuilder builder, string connectionString, Action<DeadlineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var services = builder.Services;
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeadlineOptions>, DeadlineOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton<DeadlineMetrics>();
        MigrateAtStart.Register(services, DeadlineSchema.Migrations);
        services.AddSingleton(static sp => ActivatorUtilities.CreateInstance<DeadlineService>(sp, BusinessTime(sp)));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static sp => sp.GetRequiredService<DeadlineService>());
        services.AddSingleton<IDeadlines>(static sp => ActivatorUtilities.CreateInstance<Deadlines>(sp, BusinessTime(sp)));
        return builder;
    }

    private static TimeProvider BusinessTime(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(BusinessTimeKey) ?? services.GetRequiredService<TimeProvider>();
}
