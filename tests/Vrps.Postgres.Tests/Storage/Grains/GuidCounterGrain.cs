namespace Vrps.Postgres.Tests.Storage.Grains;

[GrainType("test.guid-counter")]
internal sealed class GuidCounterGrain([PersistentState("counter", StorageCluster.ProviderName)] IPersistentState<CounterState> counter)
    : CounterGrainBase(counter), IGuidCounterGrain;
