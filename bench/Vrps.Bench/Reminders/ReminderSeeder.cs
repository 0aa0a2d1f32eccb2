using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Vrps.Bench.Grains;

namespace Vrps.Bench.Reminders;

/// <summary>
/// Writes reminder rows with COPY (binary): the runtime's reminders table exactly as <c>UpsertReminders</c> fills it
/// (grain type, key, name, due time, no period; version and lease from the column defaults), and the baseline's table.
/// </summary>
internal static class ReminderSeeder
{
    public const string CronTable = """
        CREATE TABLE cron_jobs (
            id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            job_key text        NOT NULL,
            due_at  timestamptz NOT NULL);
        CREATE INDEX cron_jobs_due_at ON cron_jobs (due_at);
        """;

    private const string CopyReminders = "COPY reminders (grain_type, grain_key, name, due_at, period_ms) FROM STDIN (FORMAT BINARY)";
    private const string CopyCronJobs = "COPY cron_jobs (job_key, due_at) FROM STDIN (FORMAT BINARY)";

    /// <summary>Stores <paramref name="rows"/> as runtime reminders of <see cref="ReminderBenchGrain"/>; returns the time it took.</summary>
    public static async Task<TimeSpan> CopyRemindersAsync(NpgsqlDataSource dataSource, IEnumerable<SeedRow> rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyReminders, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(ReminderBenchGrain.TypeName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.Key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(ReminderBenchGrain.ReminderName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.DueAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Stores <paramref name="rows"/> as baseline jobs; returns the time it took.</summary>
    public static async Task<TimeSpan> CopyCronJobsAsync(NpgsqlDataSource dataSource, IEnumerable<SeedRow> rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyCronJobs, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.Key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.DueAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Brings a freshly loaded table to the state of a long-lived one (vacuumed, analysed) and checkpoints, so that
    /// neither the bulk load's cleanup nor its checkpoint lands inside a measurement.
    /// </summary>
    public static async Task SettleAsync(NpgsqlDataSource dataSource, string table, CancellationToken cancellationToken)
    {
        // Separate statements: VACUUM cannot run inside the implicit transaction of a multi-statement command.
        foreach (var sql in new[] { $"VACUUM (ANALYZE) {table}", "CHECKPOINT" })
        {
            await using var command = dataSource.CreateCommand(sql);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rows left in <paramref name="table"/> per key prefix ('d', 'f', 'p').</summary>
    public static async Task<IReadOnlyDictionary<char, long>> CountByPrefixAsync(NpgsqlDataSource dataSource, string table, string keyColumn, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT left({keyColumn}, 1), count(*) FROM {table} GROUP BY 1");
        var counts = new Dictionary<char, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)[0]] = reader.GetInt64(1);
        }

        return counts;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
