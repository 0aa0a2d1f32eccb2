namespace Vrps.Postgres.Tests.Storage.Grains;

[GrainType("test.other-counter")]
internal sealed class OtherCounterGrain([PersistentState("counter", StorageCluster.ProviderName)] IPersistentState<CounterState> counter)
    : CounterGrainBase(counter), IOtherCounterGrain;
