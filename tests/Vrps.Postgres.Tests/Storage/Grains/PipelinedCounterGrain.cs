using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>The test counter on <see cref="PipelinedStateAttribute"/>: each write reaches the storage at once.</summary>
[GrainType("test.pipelined-counter")]
internal sealed class PipelinedCounterGrain([PipelinedState("counter", StorageCluster.ProviderName)] IPersistentState<CounterState> counter)
    : CounterGrainBase(counter), IPipelinedCounterGrain;
