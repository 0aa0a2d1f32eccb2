namespace Vrps.Bench;

/// <summary>Outcome of one closed-loop run: successful calls, failed calls and their latencies.</summary>
internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, LatencySummary Latency, string? FirstError)
{
    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;
}
