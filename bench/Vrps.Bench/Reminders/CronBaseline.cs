using Npgsql;

namespace Vrps.Bench.Reminders;

/// <summary>
/// The baseline: the best plain-SQL "cron" we know for one indexed table. Each poll deletes up to a batch of due rows
/// in one statement (<c>DELETE … WHERE id IN (SELECT … ORDER BY due_at LIMIT n FOR UPDATE SKIP LOCKED) RETURNING</c>)
/// and fires them in memory; a full batch polls again at once, otherwise it sleeps until the next due time (capped at
/// the poll interval) — the same wake-up rule as the silo, without leases, outcome records or grain turns. It is
/// at-most-once (a crash after the DELETE loses those fires), so it bounds from below what any durable design can do.
/// </summary>
internal static class CronBaseline
{
    private const string Claim = """
        DELETE FROM cron_jobs
         WHERE id IN (SELECT id FROM cron_jobs WHERE due_at <= now() ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED)
        RETURNING job_key, due_at
        """;

    private const string NextDue = "SELECT due_at FROM cron_jobs ORDER BY due_at LIMIT 1";

    /// <summary>Polls until <paramref name="stop"/> is cancelled; returns the number of polls.</summary>
    public static async Task<long> RunAsync(NpgsqlDataSource dataSource, ReminderFireLog log, int batchSize, TimeSpan pollInterval, CancellationToken stop)
    {
        long polls = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                polls++;
                var claimed = 0;
                await using (var command = dataSource.CreateCommand(Claim))
                {
                    command.Parameters.AddWithValue("limit", batchSize);
                    await using var reader = await command.ExecuteReaderAsync(stop).ConfigureAwait(false);
                    while (await reader.ReadAsync(stop).ConfigureAwait(false))
                    {
                        log.Record(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), DateTimeOffset.UtcNow);
                        claimed++;
                    }
                }

                if (claimed == batchSize)
                {
                    continue;
                }

                await using var next = dataSource.CreateCommand(NextDue);
                var due = await next.ExecuteScalarAsync(stop).ConfigureAwait(false) switch
                {
                    DateTime utc => new DateTimeOffset(utc, TimeSpan.Zero),
                    DateTimeOffset value => value,
                    _ => (DateTimeOffset?)null,
                };
                var delay = due is { } at ? at - DateTimeOffset.UtcNow : pollInterval;
                if (delay > pollInterval)
                {
                    delay = pollInterval;
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }

        return polls;
    }
}
