namespace Vrps.Bench.Deadlines;

internal static class LagStatistics
{
    /// <summary>Nearest-rank percentiles, like <see cref="LatencyRecorder"/>: every figure is a lag some timer really had.</summary>
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

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
