namespace Vrps.Bench.OrleansStorage;

/// <summary>
/// One storage provider of the silo. Each has its own grain type and a state name of its own, so the stock provider's
/// rows (keyed by state name, not grain type: dotnet/orleans#8746) never mix with another case's.
/// </summary>
/// <param name="Name">Provider name and state name.</param>
/// <param name="Table">Where the provider keeps its rows: orleans_storage (stock) or grain_storage (ours).</param>
internal sealed record StorageUnderTest(string Name, string Title, string GrainClass, string Table)
{
    public const string AdoNetName = "adonet";
    public const string UncoalescedName = "vrps-single";
    public const string GroupCommitName = "vrps-group";

    public static StorageUnderTest AdoNet { get; } =
        new(AdoNetName, "stock Persistence.AdoNet (baseline)", typeof(AdoNetBenchGrain).FullName!, "orleans_storage");

    public static StorageUnderTest Uncoalesced { get; } =
        new(UncoalescedName, "VrpsGrainStorage, MaxBatchSize 1", typeof(UncoalescedBenchGrain).FullName!, "grain_storage");

    public static StorageUnderTest GroupCommit { get; } =
        new(GroupCommitName, "VrpsGrainStorage, group commit", typeof(GroupCommitBenchGrain).FullName!, "grain_storage");

    /// <summary>Baseline first: within a case the three run back to back, so drifting load hits them alike.</summary>
    public static IReadOnlyList<StorageUnderTest> All { get; } = [AdoNet, Uncoalesced, GroupCommit];

    public bool IsVrps => Table == "grain_storage";
}
