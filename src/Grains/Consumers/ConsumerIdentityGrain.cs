using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces.Consumers;
using Vrps.Postgres.Storage;

namespace Vrps.Grains.Consumers;

[GrainType("consumer_identity")]
public sealed class ConsumerIdentityGrain([PersistentState("identity")] IPersistentState<ConsumerIdentityState> state, GrainStates states)
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

    public async Task<Claimant> ClaimantAsync(ConsumerIdentity identity, string plate)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (ConsumerIdentityRules.KeyOf(identity) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The identity {identity.Kind} is not this grain's ({this.GetPrimaryKeyString()}).", nameof(identity));
        }

        if (state.State.ConsumerId is { } owner)
        {
            return new Claimant(owner, Created: false);
        }

        // A new person: their record is written by this binding's commit, not by activating their consumer grain.
        // Claims under one identity take turns here, so no two can bind it to different consumers.
        var consumerId = Guid.NewGuid();
        var now = TimeProvider.GetUtcNow();
        var record = ConsumerRecord.OfClaimant(identity, plate, now);
        this.StageCommitEffect(states.NewState(GrainFactory.GetGrain<IConsumerGrain>(consumerId).GetGrainId(), ConsumerRecord.StateName, record, now));
        state.State.ConsumerId = consumerId;
        await state.WriteStateAsync();
        return new Claimant(consumerId, Created: true);
    }
}
