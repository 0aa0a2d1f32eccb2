using Vrps.Grains.Common;
using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Consumers;

[GrainType("consumer_identity")]
public sealed class ConsumerIdentityGrain([PersistentState("identity")] IPersistentState<ConsumerIdentityState> state)
    : VrpsGrain, IConsumerIdentityGrain
{
    public async Task<Guid> GetOrCreateConsumerAsync()
    {
        if (state.State.ConsumerId is { } existing)
        {
            return existing;
        }

        // Only the binding is decided here; the caller creates the consumer record (IConsumerGrain.EnsureWithVehicleAsync),
        // so a claim pays one commit for each, side by side, not two in a row.
        var consumerId = Guid.NewGuid();
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
