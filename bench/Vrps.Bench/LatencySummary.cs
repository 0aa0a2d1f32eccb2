namespace Vrps.Bench;

/// <summary>Call latencies of one measured run, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
