using Vrps.Interfaces.Consumers;
using Vrps.Runtime;

namespace Vrps.Grains.Consumers;

[GrainType("consumer_identity")]
public sealed class ConsumerIdentityGrain([PersistentState("identity")] IPersistentState<ConsumerIdentityState> state)
    : Grain, IConsumerIdentityGrain
{
    public async Task<Guid> GetOrCreateConsumerAsync()
    {
        if (state.State.ConsumerId is { } existing)
        {
            return existing;
        }

        var consumerId = Guid.NewGuid();
        var separator = GrainId.Key.IndexOf(':', StringComparison.Ordinal);
        var identity = new ConsumerIdentity(GrainId.Key[..separator], GrainId.Key[(separator + 1)..], Verified: false, Preferred: true);
        await GrainFactory.GetGrain<IConsumerGrain>(consumerId).CreateAsync(null, [identity]);
        state.State.ConsumerId = consumerId;
        await state.WriteStateAsync();
        return consumerId;
    }

    public Task<Guid?> FindConsumerAsync() => Task.FromResult(state.State.ConsumerId);

    public async Task<Guid> BindAsync(Guid consumerId)
    {
        if (state.State.ConsumerId is { } owner)
        {
            return owner;
        }

        state.State.ConsumerId = consumerId;
        await state.WriteStateAsync();
        return consumerId;
    }
}
