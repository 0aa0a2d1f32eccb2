namespace Vrps.Bench.OrleansStorage;

[GrainType("bench-storage-adonet")]
internal sealed class AdoNetBenchGrain(
    [PersistentState(StorageUnderTest.AdoNetName, StorageUnderTest.AdoNetName)] IPersistentState<StorageBenchState> state)
    : StorageBenchGrain(state);
