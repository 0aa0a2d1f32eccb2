using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Consumers;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Consumers;

/// <summary>A person who parks (R12): identities (one preferred) and vehicles (one default).</summary>
[GrainType("consumer")]
public sealed class ConsumerGrain([PersistentState(ConsumerRecord.StateName)] IPersistentState<ConsumerState> state) : VrpsGrain, IConsumerGrain
{
    public async Task<ConsumerView> CreateAsync(string? name, IReadOnlyList<ConsumerIdentity> identities)
    {
        if (state.RecordExists)
        {
            return View();
        }

        state.State = new ConsumerState
        {
            Name = name is null ? null : Names.Require(name),
            Identities = identities.Aggregate(new List<ConsumerIdentity>(), ConsumerIdentityRules.Add),
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        await SaveAsync();
        return View();
    }

    public Task<ConsumerView?> FindAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task<ConsumerView> AddIdentityAsync(ConsumerIdentity identity)
    {
        Require();
        var identities = ConsumerIdentityRules.Add(state.State.Identities, identity);
        if (identities.Count != state.State.Identities.Count)
        {
            state.State.Identities = identities;
            await SaveAsync();
        }

        return View();
    }

    public async Task<ConsumerView> EnsureWithVehicleAsync(ConsumerIdentity? identity, string plate)
    {
        if (!state.RecordExists)
        {
            state.State = identity is null
                ? throw DomainException.NotFound("Consumer", this.GetPrimaryKey())
                : new ConsumerState { Identities = ConsumerIdentityRules.Add([], identity), CreatedAt = TimeProvider.GetUtcNow() };
        }

        var normalized = Plates.Normalize(plate);
        if (!state.State.Vehicles.Exists(v => v.Plate == normalized) || !state.RecordExists)
        {
            Upsert(normalized, null, makeDefault: false);
            await SaveAsync();
        }

        return View();
    }

    public async Task<ConsumerView> AddVehicleAsync(string plate, string? description, bool makeDefault)
    {
        Require();
        Upsert(Plates.Normalize(plate), description, makeDefault);
        await SaveAsync();
        return View();
    }

    public async Task DiscardIfUnboundAsync()
    {
        if (!state.RecordExists)
        {
            return;
        }

        var id = this.GetPrimaryKey();
        foreach (var identity in state.State.Identities)
        {
            if (await GrainFactory.GetGrain<IConsumerIdentityGrain>(ConsumerIdentityRules.KeyOf(identity)).FindConsumerAsync() == id)
            {
                return;
            }
        }

        await state.ClearStateAsync();
    }

    private void Upsert(string normalized, string? description, bool makeDefault) =>
        ConsumerRecord.UpsertVehicle(state.State, normalized, description, makeDefault);

    private void Require()
    {
        if (!state.RecordExists)
        {
            throw DomainException.NotFound("Consumer", this.GetPrimaryKey());
        }
    }

    private Task SaveAsync() => state.WriteStateAsync();

    private ConsumerView View() => ConsumerRecord.View(this.GetPrimaryKey(), state.State);
}
