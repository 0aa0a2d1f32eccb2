using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Deadlines;

/// <summary>Applies the deadlines' migrations before the silo serves grains, so no grain sets a deadline on a missing table.</summary>
internal sealed class DeadlineSchema(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public const string Module = "deadlines";

    public static MigrationSet Migrations { get; } = new(Module, typeof(DeadlineSchema).Assembly);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadlineSchema), ServiceLifecycleStage.RuntimeInitialize, MigrateAsync);

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        new MigrationRunner(dataSource, [Migrations], logger).RunAsync(cancellationToken);
}
