using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Events;

/// <summary>Applies the event log's migrations before the silo serves grains or starts its pulling agents.</summary>
internal sealed class EventLogSchema(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public const string Module = "event-log";

    public static MigrationSet Migrations { get; } = new(Module, typeof(EventLogSchema).Assembly);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EventLogSchema), ServiceLifecycleStage.RuntimeInitialize, MigrateAsync);

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        new MigrationRunner(dataSource, [Migrations], logger).RunAsync(cancellationToken);
}
