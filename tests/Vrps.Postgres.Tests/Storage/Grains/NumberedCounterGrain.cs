namespace Vrps.Postgres.Tests.Storage.Grains;

[GrainType("test.numbered-counter")]
internal sealed class NumberedCounterGrain([PersistentState("counter", StorageCluster.ProviderName)] IPersistentState<CounterState> counter)
    : CounterGrainBase(counter), INumberedCounterGrain;
