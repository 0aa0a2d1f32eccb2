using Vrps.Runtime.Tests.Grains;
using Vrps.Testing;

namespace Vrps.Runtime.Tests;

public sealed class StateTests : SiloTestBase
{
    [Fact]
    public async Task State_AfterDeactivation_IsReadBackFromPostgres()
    {
        var silo = await StartSiloAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("survivor");
        await counter.AddAsync(41);
        await counter.DeactivateAsync();
        await Eventually.HoldsAsync(() => Probe.Deactivations.ContainsKey("survivor"), "deactivated");

        Assert.Equal(42, await counter.AddAsync(1));
        Assert.Equal(2, Probe.Activations["survivor"]);
    }

    [Fact]
    public async Task State_AfterSiloRestart_IsReadBackFromPostgres()
    {
        var first = await StartSiloAsync();
        await first.Grains.GetGrain<ICounterGrain>("restart").AddAsync(7);
        await first.StopAsync();

        var second = await StartSiloAsync();

        Assert.Equal(7, await second.Grains.GetGrain<ICounterGrain>("restart").GetAsync());
        Assert.Equal(1, await second.Grains.GetGrain<ICounterGrain>("restart").GetVersionAsync());
    }

    [Fact]
    public async Task WriteState_StoredVersionMovedElsewhere_FailsWithConflictAndReloads()
    {
        var stale = await StartSiloAsync();
        var other = await StartSiloAsync();
        await stale.Grains.GetGrain<ICounterGrain>("contested").AddAsync(1);
        await other.Grains.GetGrain<ICounterGrain>("contested").AddAsync(10);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => stale.Grains.GetGrain<ICounterGrain>("contested").AddAsync(100));
        Assert.Equal("counter", conflict.StateName);

        await Eventually.HoldsAsync(() => stale.Runtime.ActivationCount == 0, "the stale activation is deactivated");
        Assert.Equal(11, await stale.Grains.GetGrain<ICounterGrain>("contested").GetAsync());
    }

    [Fact]
    public async Task ClearState_ThenWrite_VersionKeepsMovingForward()
    {
        var silo = await StartSiloAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("cleared");
        await counter.AddAsync(5);
        await counter.ClearAsync();

        Assert.Equal(0, await counter.GetAsync());
        Assert.Equal(3, await counter.AddAsync(3));
        Assert.Equal(3, await ScalarAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'cleared'"));
    }
}
