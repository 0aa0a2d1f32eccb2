using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Vrps.Postgres.Migrations;

/// <summary>
/// Applies one module's migrations at the silo's RuntimeInitialize stage, before it serves grains or starts pulling
/// agents, so no grain writes to a table that is not there yet. The runner's advisory lock keeps silos starting at once
/// apart, and an applied module costs one read.
/// </summary>
public sealed class MigrateAtStart(MigrationSet migrations, NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(MigrateAtStart)}:{migrations.Module}", ServiceLifecycleStage.RuntimeInitialize, MigrateAsync);

    private Task MigrateAsync(CancellationToken cancellationToken) =>
        new MigrationRunner(dataSource, [migrations], logger).RunAsync(cancellationToken);

    /// <summary>
    /// Registers <paramref name="migrations"/> (for a runner that applies every module) and its application at start,
    /// once per silo however often a provider using it is added.
    /// </summary>
    public static void Register(IServiceCollection services, MigrationSet migrations)
    {
        if (services.Any(s => s.ImplementationInstance is MigrationSet known && known.Module == migrations.Module))
        {
            return;
        }

        services.AddSingleton(migrations);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new MigrateAtStart(migrations, sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILogger<MigrationRunner>>()));
    }
}
