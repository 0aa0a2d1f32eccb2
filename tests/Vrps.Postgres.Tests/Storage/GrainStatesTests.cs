using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>
/// A grain's first state written without activating it — by a caller that decides the grain may exist (the lot issuing
/// a pass, an identity binding a new person's record) — must be what the grain finds when it activates, must commit
/// with its effects or not at all, and must never overwrite a state the grain stored meanwhile.
/// </summary>
public sealed class GrainStatesTests : StorageTestBase
{
    private GrainStates States => Storage.Cluster.GetSiloServiceProvider().GetRequiredService<GrainStates>();

    [Fact]
    public async Task Create_StoresTheFirstStateWithItsEffects_AndTheGrainActivatesWithIt()
    {
        var grain = Grains.GetGrain<IGuidCounterGrain>(Guid.NewGuid());
        var id = grain.GetGrainId();
        Assert.False(await States.ExistsAsync(id, "counter"));

        await States.CreateAsync(id, "counter", new CounterState { Value = 7 }, [new InsertMarkerEffect("created-7")]);

        Assert.True(await States.ExistsAsync(id, "counter"));
        Assert.Equal(1, await Storage.EffectCountAsync("created-7"));
        Assert.Equal(7, await grain.GetAsync());
        Assert.Equal(10, await grain.AddAsync(3));
    }

    [Fact]
    public async Task Create_WhenTheGrainStoredAStateFirst_FailsAsAConflict_AndStoresNoneOfItsEffects()
    {
        var grain = Grains.GetGrain<IGuidCounterGrain>(Guid.NewGuid());
        Assert.Equal(2, await grain.AddAsync(2));

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => States.CreateAsync(grain.GetGrainId(), "counter", new CounterState { Value = 99 }, [new InsertMarkerEffect("lost-99")]));

        Assert.NotNull(conflict);
        Assert.Equal(0, await Storage.EffectCountAsync("lost-99"));
        Assert.Equal(2, await Storage.StoredValueAsync("test.guid-counter", grain.GetPrimaryKey().ToString("N")));
        Assert.Equal(3, await grain.AddAsync(1));
    }

    [Fact]
    public async Task NewState_CommitsWithTheWriteThatStagedIt()
    {
        var created = Guid.NewGuid();
        var writer = Grains.GetGrain<IDefaultCounterGrain>("creator");

        Assert.Equal(1, await writer.AddAndCreateAsync(1, created, 41));

        Assert.Equal(1, await Storage.StoredValueAsync("test.default-counter", "creator"));
        Assert.Equal(41, await Storage.StoredValueAsync("test.guid-counter", created.ToString("N")));
        Assert.Equal(42, await Grains.GetGrain<IGuidCounterGrain>(created).AddAsync(1));
    }
}
