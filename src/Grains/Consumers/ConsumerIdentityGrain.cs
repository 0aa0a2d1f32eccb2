using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Consumers;

[GrainType("consumer_identity")]
public sealed class ConsumerIdentityGrain([PersistentState("identity")] IPersistentState<ConsumerIdentityState> state)
    : VrpsGrain, IConsumerIdentityGrain
{
    public Task<Guid?> FindConsumerAsync() => Task.FromResult(state.State.ConsumerId);

    public async Task<Guid> BindAsync(Guid consumerId)
    {
        var owner = ConsumerIdentityRules.Owner(state.State.ConsumerId, consumerId);
        if (owner != state.State.ConsumerId)
        {
            state.State.ConsumerId = owner;
            await state.WriteStateAsync();
        }

        return owner;
    }
}
