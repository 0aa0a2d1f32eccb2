namespace Vrps.Bench.OrleansStorage;

/// <summary>The numbers of one case on one provider, as printed and as written to the JSON file.</summary>
internal sealed record StorageCaseResult
{
    public required int Case { get; init; }

    public required string Title { get; init; }

    public required string Storage { get; init; }

    public required string StorageTitle { get; init; }

    public required int Grains { get; init; }

    public required int Callers { get; init; }

    public required long Writes { get; init; }

    public required long FailedWrites { get; init; }

    public string? FirstError { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double WritesPerSecond { get; init; }

    public required LatencySummary Latency { get; init; }

    /// <summary>Writes per transaction during the measured phase; null for the stock provider, which publishes no meter.</summary>
    public required double? WritesPerTransaction { get; init; }

    /// <summary>This provider's writes/s over the stock provider's in the same case of the same run.</summary>
    public double VsAdoNet { get; set; }
}
