using Npgsql;
using NpgsqlTypes;

namespace Vrps.Bench.PlateLookups;

/// <summary>
/// The plain-SQL way to answer a patrol: the same passes in an indexed table, one prepared SELECT per lookup, from a
/// pool of 64 connections.
/// </summary>
internal static class SqlPlateBaseline
{
    public const int Connections = 64;

    private const string Lookup = "SELECT id, plate, ends_at FROM bench_pass WHERE lot_id = @lot AND plate = @plate AND status = 'active'";

    /// <param name="plates">The seeded plates; the table gets one active pass for each, with a fresh id.</param>
    public static async Task<PlateLookupResult> RunAsync(
        string connectionString, IReadOnlyList<string> plates, IReadOnlyList<LookupTarget> targets, int lookups, string mode, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = Connections;
        builder.ConnectionStringBuilder.MaxAutoPrepare = 4;
        await using var dataSource = builder.Build();
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE bench_pass (id uuid PRIMARY KEY, lot_id uuid NOT NULL, plate text NOT NULL, status text NOT NULL,
                starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL);
            """))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var lotId = Guid.NewGuid();
        var passIds = new Guid[plates.Count];
        var now = DateTimeOffset.UtcNow;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var writer = await connection.BeginBinaryImportAsync(
                "COPY bench_pass (id, lot_id, plate, status, starts_at, ends_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                for (var i = 0; i < plates.Count; i++)
                {
                    passIds[i] = Guid.NewGuid();
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(passIds[i], NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(lotId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(plates[i], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync("active", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(now.AddHours(6), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var statement in new[] { "CREATE INDEX bench_pass_lot_plate ON bench_pass (lot_id, plate)", "VACUUM ANALYZE bench_pass" })
            {
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var checker = new LookupChecker(passIds);
        var load = await ClosedLoopDriver.RunAsync(
            targets,
            async target =>
            {
                await using var command = dataSource.CreateCommand(Lookup);
                command.Parameters.AddWithValue("lot", lotId);
                command.Parameters.AddWithValue("plate", target.Plate);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = reader.GetGuid(0);
                    var plate = reader.GetString(1);
                    var more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);

                    // Two active passes for one plate would be a second answer the patrol never sees: count it as wrong.
                    checker.Check(target, authorized: !more, more ? "ambiguous" : "active", id, plate);
                }
                else
                {
                    checker.Check(target, authorized: false, "no_pass", null, null);
                }
            },
            lookups,
            Connections,
            cancellationToken).ConfigureAwait(false);
        return checker.Result(mode, Connections, load, load.CallsPerSecond);
    }
}
