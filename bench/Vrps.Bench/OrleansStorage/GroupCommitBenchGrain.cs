namespace Vrps.Bench.OrleansStorage;

[GrainType("bench-storage-vrps-group")]
internal sealed class GroupCommitBenchGrain(
    [PersistentState(StorageUnderTest.GroupCommitName, StorageUnderTest.GroupCommitName)] IPersistentState<StorageBenchState> state)
    : StorageBenchGrain(state);
