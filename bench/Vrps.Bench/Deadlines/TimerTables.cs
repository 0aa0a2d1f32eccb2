using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// Bench setup and read-back on the two providers' tables, whose layout is our own migrations' (deadlines
/// 0001_grain_deadlines.sql, orleans-adonet 0003_reminders.sql): stored timers go in by COPY, as a provider would
/// have written them, and rows left behind are counted by key prefix. Not product code.
/// </summary>
internal static class TimerTables
{
    private const string CopyDeadlines = "COPY grain_deadlines (grain_type, grain_key, name, due_at) FROM STDIN (FORMAT BINARY)";

    private const string CopyReminders =
        "COPY orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version) FROM STDIN (FORMAT BINARY)";

    private const string CountDeadlines = "SELECT count(*) FROM grain_deadlines WHERE grain_type = @type AND grain_key LIKE @pattern";

    private const string CountReminders = "SELECT count(*) FROM orleans_reminders WHERE service_id = @service AND grain_id LIKE @pattern";

    private const string AnalyzeDeadlines = "ANALYZE grain_deadlines";

    private const string AnalyzeReminders = "ANALYZE orleans_reminders";

    /// <summary>
    /// Stores <paramref name="count"/> timers due one millisecond apart from <paramref name="firstDue"/>, then analyzes
    /// the table as autovacuum would have long since; returns how long the copy took.
    /// </summary>
    public static async Task<TimeSpan> SeedAsync(
        NpgsqlDataSource dataSource, TimerProvider provider, int count, DateTimeOffset firstDue, TimeSpan reminderPeriod, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var reminders = provider == TimerProvider.Reminders;
        await using (var importer = await connection.BeginBinaryImportAsync(reminders ? CopyReminders : CopyDeadlines, cancellationToken).ConfigureAwait(false))
        {
            var grainType = TimerKeys.GrainTypeOf(provider);
            for (var i = 0; i < count; i++)
            {
                var key = TimerKeys.Of(TimerKeys.Stored, i);
                var due = (firstDue + TimeSpan.FromMilliseconds(i)).UtcDateTime;
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                if (reminders)
                {
                    // What Orleans' ADO.NET reminder table binds: GrainId.ToString(), the period in ms, the uniform hash as a signed int.
                    var grain = GrainId.Create(grainType, key);
                    await importer.WriteAsync(TimerSiloHost.ServiceId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(grain.ToString(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(TimerKeys.TimerName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(due, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync((long)reminderPeriod.TotalMilliseconds, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(unchecked((int)grain.GetUniformHashCode()), NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteAsync(grainType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(TimerKeys.TimerName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(due, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var analyze = new NpgsqlCommand(reminders ? AnalyzeReminders : AnalyzeDeadlines, connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return clock.Elapsed;
    }

    /// <summary>Rows of the provider's table whose grain key starts with <paramref name="prefix"/>.</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, TimerProvider provider, string prefix, CancellationToken cancellationToken)
    {
        var grainType = TimerKeys.GrainTypeOf(provider);
        await using var command = dataSource.CreateCommand(provider == TimerProvider.Reminders ? CountReminders : CountDeadlines);
        if (provider == TimerProvider.Reminders)
        {
            command.Parameters.AddWithValue("service", TimerSiloHost.ServiceId);
            command.Parameters.AddWithValue("pattern", $"{grainType}/{prefix}%");
        }
        else
        {
            command.Parameters.AddWithValue("type", grainType);
            command.Parameters.AddWithValue("pattern", $"{prefix}%");
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
