using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Vrps.Postgres.Connections;
using Vrps.Postgres.Migrations;
using Vrps.Postgres.Storage;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Connections;

/// <summary>
/// A statement the providers prepare while a table is still empty keeps being run as the table grows. On the
/// platform's connections it is planned for the table as it is at each execution, so a batched state read seeks its
/// rows by key on a big table instead of scanning it.
/// </summary>
public sealed class StatementPlanTests
{
    [Fact]
    public async Task PreparedStateRead_FirstRunOnAnEmptyTable_SeeksByKeyOnceTheTableHasGrown()
    {
        var database = await TestPostgres.CreateDatabaseAsync("plan_growth");
        await using (var migrate = NpgsqlDataSource.Create(database))
        {
            await new MigrationRunner(migrate, [GrainStorageMigrations.Set], NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
        }

        await using var platform = await PrepareReadAsync(PostgresConnectionStrings.WithDefaults(database));
        await using var plain = await PrepareReadAsync(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await using (var grow = new NpgsqlCommand(
            """
            INSERT INTO grain_storage (grain_type, grain_key, state_name, version, payload, updated_at)
            SELECT 'identity', 'k' || i, 'state', 1, '{}', now() FROM generate_series(1, 50000) AS i
            """,
            platform))
        {
            await grow.ExecuteNonQueryAsync();
        }

        var platformPlan = await PlanAsync(platform);
        var plainPlan = await PlanAsync(plain);

        Assert.Contains("Index Scan using grain_storage_pkey", platformPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", platformPlan, StringComparison.Ordinal);
        // What a connection without the setting runs: the plan Postgres settled on while the table was empty.
        Assert.Contains("Seq Scan on grain_storage", plainPlan, StringComparison.Ordinal);
    }

    /// <summary>A connection with the state read prepared on it and run often enough for Postgres to settle on a plan.</summary>
    private static async Task<NpgsqlConnection> PrepareReadAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sql = GrainStorageSql.Read.Replace("@types", "$1", StringComparison.Ordinal)
            .Replace("@keys", "$2", StringComparison.Ordinal)
            .Replace("@names", "$3", StringComparison.Ordinal);
        await using (var prepare = new NpgsqlCommand($"PREPARE read_states(text[], text[], text[]) AS {sql}", connection))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        // Batches of 50 reads, as a burst of activations sends them.
        var keys = string.Join(", ", Enumerable.Range(0, 50).Select(static i => $"'x{i}'"));
        for (var i = 0; i < 8; i++)
        {
            await using var run = new NpgsqlCommand(
                $"EXECUTE read_states(array_fill('identity'::text, ARRAY[50]), ARRAY[{keys}], array_fill('state'::text, ARRAY[50]))", connection);
            await run.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN EXECUTE read_states(ARRAY['identity', 'identity'], ARRAY['k1', 'k2'], ARRAY['state', 'state'])", connection);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
