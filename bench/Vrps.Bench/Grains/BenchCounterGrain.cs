using Vrps.Runtime;

namespace Vrps.Bench.Grains;

[GrainType(TypeName)]
internal sealed class BenchCounterGrain([PersistentState("counter")] IPersistentState<BenchCounterState> state) : Grain, IBenchCounterGrain
{
    public const string TypeName = "bench-counter";

    public async Task<long> AddAwaitedAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<long> AddPipelinedAsync()
    {
        state.State.Value++;

        // Not awaited on purpose: the runtime ties the reply to this commit, and a failure fails the reply.
        _ = state.WriteStateAsync();
        return Task.FromResult(state.State.Value);
    }
}
