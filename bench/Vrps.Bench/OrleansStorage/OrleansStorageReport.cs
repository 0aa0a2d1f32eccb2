using Vrps.Bench.Common;

namespace Vrps.Bench.OrleansStorage;

internal sealed record OrleansStorageReport
{
    public string Scenario { get; } = "orleans-storage";

    public required string Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required IReadOnlyList<StorageCaseResult> Cases { get; init; }

    public required IReadOnlyList<StorageCheck> Checks { get; init; }

    public bool Passed => Checks.All(static c => c.Passed);
}
