using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Vrps.Runtime.Metrics;

namespace Vrps.Bench.Reminders;

/// <summary>
/// Where the time goes while a batch fires, read from outside the runtime: every SQL statement's duration from
/// Npgsql's ActivitySource (classified by its text), the runtime's own <c>vrps.reminders.lag</c> (due → dispatch, before
/// the grain turn), and CPU use of the machine and of this process. Records only between <see cref="Begin"/> and
/// <see cref="End"/>.
/// </summary>
internal sealed class ReminderDiagnostics : IDisposable
{
    private const string LagInstrument = "vrps.reminders.lag";

    private readonly ActivityListener activities;
    private readonly MeterListener meters;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<(long StartTicks, double Ms)>> statements = new(StringComparer.Ordinal);
    private double[] dispatchLagMs = [];
    private int dispatchCount;
    private volatile bool collecting;
    private long beganTimestamp;
    private CpuSample cpuBefore;

    public ReminderDiagnostics()
    {
        activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => collecting ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = OnActivityStopped,
        };
        ActivitySource.AddActivityListener(activities);
        meters = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == RuntimeMetrics.MeterName && instrument.Name == LagInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>(OnLag);
        meters.Start();
    }

    public void Begin(int expectedFires)
    {
        lock (gate)
        {
            statements.Clear();
        }

        dispatchLagMs = new double[Math.Max(16, expectedFires * 2)];
        dispatchCount = 0;
        cpuBefore = CpuSample.Take();
        beganTimestamp = Stopwatch.GetTimestamp();
        collecting = true;
    }

    public DiagnosticsResult End()
    {
        collecting = false;
        var elapsed = Stopwatch.GetElapsedTime(beganTimestamp);
        var cpu = CpuSample.Take() - cpuBefore;
        List<StatementStats> stats;
        lock (gate)
        {
            stats = statements
                .Select(pair => StatementStats.From(pair.Key, pair.Value, elapsed))
                .OrderByDescending(static s => s.TotalSeconds)
                .ToList();
        }

        var lags = dispatchLagMs.AsSpan(0, Math.Min(dispatchCount, dispatchLagMs.Length)).ToArray();
        return new DiagnosticsResult(
            elapsed.TotalSeconds,
            stats,
            LagMath.Summarize(lags),
            cpu.MachineBusyPercent,
            cpu.ProcessCpuSeconds / elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        activities.Dispose();
        meters.Dispose();
    }

    // By markers rather than whole statements: Npgsql reports the text it sent, with @names rewritten to $n.
    private static string Classify(string text)
    {
        if (text.StartsWith("EXPLAIN", StringComparison.Ordinal))
        {
            return "bench: EXPLAIN of the claim's scan";
        }

        if (text.Contains("cron_jobs", StringComparison.Ordinal))
        {
            return text.StartsWith("DELETE", StringComparison.Ordinal) ? "cron: claim (DELETE … SKIP LOCKED … RETURNING)"
                : text.StartsWith("SELECT due_at", StringComparison.Ordinal) ? "cron: next due time"
                : "cron: other";
        }

        if (text.Contains("SKIP LOCKED", StringComparison.Ordinal))
        {
            return "runtime: claim (UPDATE … SKIP LOCKED … RETURNING)";
        }

        if (text.StartsWith("SELECT due_at FROM reminders", StringComparison.Ordinal))
        {
            return "runtime: next due time";
        }

        if (text.StartsWith("DELETE FROM reminders", StringComparison.Ordinal))
        {
            return "runtime: delete fired (outcomes)";
        }

        if (text.Contains("unnest", StringComparison.Ordinal) && text.Contains("UPDATE reminders", StringComparison.Ordinal))
        {
            return text.Contains("lease_until = clock_timestamp()", StringComparison.Ordinal) ? "runtime: retry failed (outcomes)" : "runtime: reschedule (outcomes)";
        }

        var firstLine = text.Split('\n', 2)[0].Trim();
        return string.Create(CultureInfo.InvariantCulture, $"other: {(firstLine.Length > 40 ? firstLine[..40] : firstLine)}");
    }

    private void OnActivityStopped(Activity activity)
    {
        if (!collecting)
        {
            return;
        }

        var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
        var label = Classify(text.TrimStart());
        lock (gate)
        {
            if (!statements.TryGetValue(label, out var list))
            {
                statements[label] = list = [];
            }

            list.Add((activity.StartTimeUtc.Ticks, activity.Duration.TotalMilliseconds));
        }
    }

    private void OnLag(Instrument instrument, double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!collecting)
        {
            return;
        }

        var slot = Interlocked.Increment(ref dispatchCount) - 1;
        var buffer = dispatchLagMs;
        if (slot < buffer.Length)
        {
            buffer[slot] = measurement;
        }
    }

    /// <summary>CPU time of the whole machine (from /proc/stat, where there is one) and of this process.</summary>
    private readonly record struct CpuSample(long MachineBusyJiffies, long MachineTotalJiffies, double ProcessCpuSeconds)
    {
        public double MachineBusyPercent => MachineTotalJiffies > 0 ? 100.0 * MachineBusyJiffies / MachineTotalJiffies : 0;

        public static CpuSample operator -(CpuSample after, CpuSample before) => new(
            after.MachineBusyJiffies - before.MachineBusyJiffies,
            after.MachineTotalJiffies - before.MachineTotalJiffies,
            after.ProcessCpuSeconds - before.ProcessCpuSeconds);

        public static CpuSample Take()
        {
            using var process = Process.GetCurrentProcess();
            var processSeconds = process.TotalProcessorTime.TotalSeconds;
            const string Stat = "/proc/stat";
            if (!File.Exists(Stat))
            {
                return new CpuSample(0, 0, processSeconds);
            }

            // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the not-busy part.
            var fields = File.ReadLines(Stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Take(8).Select(static f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            return new CpuSample(total - fields[3] - fields[4], total, processSeconds);
        }
    }
}

/// <param name="WindowSeconds">How long the diagnostics recorded.</param>
/// <param name="DispatchLag">The runtime's vrps.reminders.lag: due time to the moment it dispatched the tick to the grain.</param>
/// <param name="MachineBusyPercent">All cores, every process (Postgres, this process, anything else running).</param>
/// <param name="ProcessCores">CPU seconds of this process per wall-clock second.</param>
internal sealed record DiagnosticsResult(
    double WindowSeconds, IReadOnlyList<StatementStats> Statements, LatencySummary DispatchLag, double MachineBusyPercent, double ProcessCores);

/// <summary>
/// Durations of one kind of SQL statement; <paramref name="TotalSeconds"/> is the time a loop spent waiting on it, and
/// the gap is the time from one such statement's start to the next one's (for a claim: the poll loop's cycle).
/// </summary>
internal sealed record StatementStats(
    string Statement, int Count, double PerSecond, double MeanMs, double P50Ms, double P99Ms, double MaxMs, double TotalSeconds, double GapP50Ms, double GapP99Ms, double GapMaxMs)
{
    public static StatementStats From(string statement, List<(long StartTicks, double Ms)> runs, TimeSpan window)
    {
        var summary = LagMath.Summarize(runs.Select(static r => r.Ms).ToArray());
        var starts = runs.Select(static r => r.StartTicks).Order().ToArray();
        var gaps = LagMath.Summarize(starts.Zip(starts.Skip(1), static (a, b) => (b - a) / (double)TimeSpan.TicksPerMillisecond).ToArray());
        return new StatementStats(
            statement, summary.Count, summary.Count / window.TotalSeconds, summary.MeanMs, summary.P50Ms, summary.P99Ms, summary.MaxMs,
            runs.Sum(static r => r.Ms) / 1000, gaps.P50Ms, gaps.P99Ms, gaps.MaxMs);
    }
}
