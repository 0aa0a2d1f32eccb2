namespace Vrps.Bench.RuntimeWrites;

/// <summary>The numbers of one case, as printed and as written to the JSON file.</summary>
internal sealed record CaseResult
{
    public required int Number { get; init; }

    public required string Title { get; init; }

    public required int Grains { get; init; }

    public required WriteMode Mode { get; init; }

    public required bool Coalescing { get; init; }

    /// <summary>The MaxBatchSize the silo actually ran with.</summary>
    public required int MaxBatchSize { get; init; }

    /// <summary>Measured writes acknowledged to the clients.</summary>
    public required long Writes { get; init; }

    public required long FailedCalls { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double WritesPerSecond { get; init; }

    public required LatencySummary Latency { get; init; }

    /// <summary>Group-commit transactions during the measured phase (RuntimeMetrics.BatchCount delta).</summary>
    public required long Transactions { get; init; }

    /// <summary>Commit items during the measured phase (RuntimeMetrics.CommittedWrites delta).</summary>
    public required long CommittedWrites { get; init; }

    public required double WritesPerTransaction { get; init; }

    /// <summary>Warmup plus measured writes acknowledged: what the stored counters must add up to.</summary>
    public required long AcknowledgedWrites { get; init; }

    public required long StoredSum { get; init; }

    public required long StoredRows { get; init; }

    public required bool Passed { get; init; }

    public required string Check { get; init; }
}
