namespace Vrps.Postgres.Tests.Storage.Grains;

[GrainType("test.counter")]
internal sealed class CounterGrain([PersistentState("counter", StorageCluster.ProviderName)] IPersistentState<CounterState> counter)
    : CounterGrainBase(counter), ICounterGrain;
