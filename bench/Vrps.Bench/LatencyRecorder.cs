using System.Diagnostics;

namespace Vrps.Bench;

/// <summary>
/// Per-call latencies of one client loop, as raw Stopwatch ticks. Not thread-safe on purpose: every loop owns one
/// and they are merged after the run, so recording costs no synchronisation while the run is being measured.
/// </summary>
internal sealed class LatencyRecorder
{
    private long[] ticks;
    private int count;

    public LatencyRecorder(int expectedCalls)
    {
        ticks = new long[Math.Max(16, expectedCalls)];
    }

    public int Count => count;

    public void Record(long startTimestamp, long endTimestamp)
    {
        if (count == ticks.Length)
        {
            Array.Resize(ref ticks, ticks.Length * 2);
        }

        ticks[count++] = endTimestamp - startTimestamp;
    }

    public static LatencySummary Summarize(IReadOnlyCollection<LatencyRecorder> recorders)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        var all = new long[recorders.Sum(static r => r.count)];
        var offset = 0;
        foreach (var recorder in recorders)
        {
            Array.Copy(recorder.ticks, 0, all, offset, recorder.count);
            offset += recorder.count;
        }

        if (all.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }

        Array.Sort(all);
        var mean = all.Average(static t => (double)t);
        return new LatencySummary(
            all.Length,
            ToMilliseconds(mean),
            ToMilliseconds(Percentile(all, 0.50)),
            ToMilliseconds(Percentile(all, 0.95)),
            ToMilliseconds(Percentile(all, 0.99)),
            ToMilliseconds(all[^1]));
    }

    // Nearest rank rather than interpolation: every reported percentile is a latency some call really had.
    private static long Percentile(long[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double ToMilliseconds(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
