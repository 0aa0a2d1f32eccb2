namespace Vrps.Bench.Reminders;

/// <summary>Percentiles (nearest rank, like <see cref="LatencyRecorder"/>) and throughput buckets over recorded values.</summary>
internal static class LagMath
{
    public static LatencySummary Summarize(IReadOnlyCollection<double> valuesMs)
    {
        if (valuesMs.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }

        var sorted = valuesMs.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, sorted.Average(), Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>p99 of each of <paramref name="parts"/> consecutive slices (by due time) of the batch: does lag grow during the window?</summary>
    public static IReadOnlyList<double> SliceP99(double[] lagsInDueOrder, int parts)
    {
        var slices = new List<double>(parts);
        for (var part = 0; part < parts; part++)
        {
            var from = lagsInDueOrder.Length * part / parts;
            var to = lagsInDueOrder.Length * (part + 1) / parts;
            slices.Add(to > from ? Summarize(lagsInDueOrder[from..to]).P99Ms : 0);
        }

        return slices;
    }

    /// <summary>Most first fires in any one-second bucket counted from <paramref name="originUtcTicks"/>.</summary>
    public static int PeakPerSecond(long[] firedUtcTicks, long originUtcTicks)
    {
        var buckets = new Dictionary<long, int>();
        foreach (var ticks in firedUtcTicks)
        {
            if (ticks != 0)
            {
                var bucket = (ticks - originUtcTicks) / TimeSpan.TicksPerSecond;
                buckets[bucket] = buckets.GetValueOrDefault(bucket) + 1;
            }
        }

        return buckets.Count == 0 ? 0 : buckets.Values.Max();
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
