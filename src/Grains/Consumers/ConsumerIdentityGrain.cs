using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Consumers;

[GrainType("consumer_identity")]
public sealed class ConsumerIdentityGrain([PersistentState("identity")] IPersistentState<ConsumerIdentityState> state)
    : VrpsGrain, IConsumerIdentityGrain
{
    /// <remarks>
    /// Only the binding is decided here; the caller creates the consumer record (IConsumerGrain.EnsureWithVehicleAsync),
    /// so a claim pays one commit for each, side by side, not two in a row.
    /// </remarks>
    public Task<Guid> GetOrCreateConsumerAsync() => BindAsync(Guid.NewGuid());

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
