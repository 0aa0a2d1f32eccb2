using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.AdoNet;

/// <summary>
/// Applies every registered migration set at the very first silo lifecycle stage, before membership reads its queries
/// from orleansquery, so a silo on a fresh database starts without a separate setup step. Silos starting at once are
/// serialized by the runner's advisory lock.
/// </summary>
internal sealed class MigrateBeforeMembership(
    NpgsqlDataSource dataSource,
    IEnumerable<MigrationSet> sets,
    ILogger<MigrationRunner> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrateBeforeMembership), ServiceLifecycleStage.First, RunAsync);

    private Task RunAsync(CancellationToken cancellationToken) =>
        new MigrationRunner(dataSource, sets, logger).RunAsync(cancellationToken);
}
