namespace Vrps.Bench.RuntimeWrites;

/// <summary>The JSON document of one run.</summary>
internal sealed record RuntimeWritesReport
{
    public string Scenario { get; } = "runtime-writes";

    public required string Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int WritesPerCase { get; init; }

    public required int WarmupWritesPerCase { get; init; }

    public required int Clients { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required IReadOnlyList<CaseResult> Cases { get; init; }

    public required IReadOnlyList<SpeedupRatio> Ratios { get; init; }

    public bool Passed => Cases.All(static c => c.Passed);
}
