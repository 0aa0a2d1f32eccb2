namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>Names no provider: it gets the default one.</summary>
[GrainType("test.default-counter")]
internal sealed class DefaultCounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter)
    : CounterGrainBase(counter), IDefaultCounterGrain;
