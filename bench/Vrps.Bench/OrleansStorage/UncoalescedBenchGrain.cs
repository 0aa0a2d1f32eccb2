namespace Vrps.Bench.OrleansStorage;

[GrainType("bench-storage-vrps-single")]
internal sealed class UncoalescedBenchGrain(
    [PersistentState(StorageUnderTest.UncoalescedName, StorageUnderTest.UncoalescedName)] IPersistentState<StorageBenchState> state)
    : StorageBenchGrain(state);
