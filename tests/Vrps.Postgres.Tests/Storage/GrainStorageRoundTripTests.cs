using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Vrps.Postgres.Migrations;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

public sealed class GrainStorageRoundTripTests : StorageTestBase
{
    [Fact]
    public async Task WriteState_AcrossDeactivation_NewActivationReadsIt()
    {
        var grain = Grains.GetGrain<ICounterGrain>("round-trip");
        await grain.AddAsync(5);
        var first = await grain.ActivationAsync();

        await Storage.Cluster.DeactivateAsync(grain);

        Assert.NotEqual(first, await grain.ActivationAsync());
        Assert.Equal(5, await grain.GetAsync());
        Assert.True(await grain.RecordExistsAsync());
    }

    [Fact]
    public async Task WriteState_TwoGrainTypesWithSameKey_KeepTheirOwnRows()
    {
        await Grains.GetGrain<ICounterGrain>("shared").AddAsync(1);
        await Grains.GetGrain<IOtherCounterGrain>("shared").AddAsync(2);

        Assert.Equal(1, await Storage.StoredValueAsync("test.counter", "shared"));
        Assert.Equal(2, await Storage.StoredValueAsync("test.other-counter", "shared"));
    }

    [Fact]
    public async Task WriteState_DigitOnlyStringKeys_DoNotCollide()
    {
        await Grains.GetGrain<ICounterGrain>("7").AddAsync(1);
        await Grains.GetGrain<ICounterGrain>("07").AddAsync(2);
        await Grains.GetGrain<ICounterGrain>("007").AddAsync(3);
        await Grains.GetGrain<INumberedCounterGrain>(7).AddAsync(4);

        Assert.Equal(1, await Storage.StoredValueAsync("test.counter", "7"));
        Assert.Equal(2, await Storage.StoredValueAsync("test.counter", "07"));
        Assert.Equal(3, await Storage.StoredValueAsync("test.counter", "007"));
        Assert.Equal(4, await Storage.ScalarAsync<long>(
            "SELECT (payload->>'value')::bigint FROM grain_storage WHERE grain_type = 'test.numbered-counter'"));
        Assert.Equal(4, await Storage.ScalarAsync<long>("SELECT count(*) FROM grain_storage"));
    }

    [Fact]
    public async Task ClearState_ThenNewActivation_ReadsNoRecordAndVersionKeepsGrowing()
    {
        var grain = Grains.GetGrain<ICounterGrain>("cleared");
        await grain.AddAsync(3);
        await grain.ClearAsync();
        await Storage.Cluster.DeactivateAsync(grain);

        Assert.Equal(0, await grain.GetAsync());
        Assert.False(await grain.RecordExistsAsync());
        Assert.Equal(2, await Storage.ScalarAsync<long>("SELECT version FROM grain_storage WHERE grain_key = 'cleared' AND payload IS NULL"));

        Assert.Equal(1, await grain.AddAsync(1));
        Assert.Equal(3, await Storage.ScalarAsync<long>("SELECT version FROM grain_storage WHERE grain_key = 'cleared'"));
    }

    [Fact]
    public async Task WriteState_GrainNamingNoProvider_StoresThroughTheDefaultVrpsStorage()
    {
        await Grains.GetGrain<IDefaultCounterGrain>("default").AddAsync(9);

        Assert.Equal(9, await Storage.StoredValueAsync("test.default-counter", "default"));
    }

    [Fact]
    public void AddVrpsGrainStorage_OnSilo_RegistersProviderAndItsMigrationModule()
    {
        var services = Storage.Cluster.GetSiloServiceProvider();

        Assert.Contains(services.GetServices<MigrationSet>(), static set => set.Module == "grain-storage");
        Assert.IsType<VrpsGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(StorageCluster.ProviderName));
        Assert.IsType<VrpsGrainStorage>(services.GetRequiredService<IGrainStorage>());
    }
}
