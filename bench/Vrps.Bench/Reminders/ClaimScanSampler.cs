using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Vrps.Bench.Reminders;

/// <summary>
/// Runs EXPLAIN (ANALYZE, BUFFERS) of a design's due-row scan (its claim's SELECT, read-only: no FOR UPDATE) a few times
/// while the batch fires: server-side execution time and pages touched, to see whether the scan grows as the fired
/// rows leave dead index entries behind at the low end of the due-time index.
/// </summary>
internal static class ClaimScanSampler
{
    public const string RuntimeScan = """
        SELECT grain_type, grain_key, name FROM reminders
         WHERE due_at <= now() AND (lease_until IS NULL OR lease_until <= clock_timestamp())
         ORDER BY due_at LIMIT 1000
        """;

    public const string CronScan = "SELECT id FROM cron_jobs WHERE due_at <= now() ORDER BY due_at LIMIT 1000";

    /// <summary>Samples every <paramref name="every"/> until <paramref name="stop"/> is cancelled, then once more.</summary>
    public static async Task<IReadOnlyList<ScanSample>> RunAsync(NpgsqlDataSource dataSource, string scan, TimeSpan every, CancellationToken stop)
    {
        var samples = new List<ScanSample>();
        var started = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            samples.Add(await SampleAsync(dataSource, scan, Stopwatch.GetElapsedTime(started)).ConfigureAwait(false));
        }

        samples.Add(await SampleAsync(dataSource, scan, Stopwatch.GetElapsedTime(started)).ConfigureAwait(false));
        return samples;
    }

    private static async Task<ScanSample> SampleAsync(NpgsqlDataSource dataSource, string scan, TimeSpan at)
    {
        await using var command = dataSource.CreateCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + scan);
        var json = (string)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement[0];
        var plan = root.GetProperty("Plan");
        return new ScanSample(
            at.TotalSeconds,
            root.GetProperty("Execution Time").GetDouble(),
            plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64(),
            plan.GetProperty("Actual Rows").GetInt64());
    }
}

/// <param name="AtSeconds">Since the window started.</param>
/// <param name="ExecutionMs">Server-side execution time of the scan.</param>
/// <param name="Blocks">Shared buffers hit or read.</param>
/// <param name="Rows">Due rows the scan found at that moment.</param>
internal sealed record ScanSample(double AtSeconds, double ExecutionMs, long Blocks, long Rows);
