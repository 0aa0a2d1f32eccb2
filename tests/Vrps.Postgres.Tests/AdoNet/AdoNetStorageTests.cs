using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.AdoNet;

public sealed class AdoNetStorageTests
{
    [Fact]
    public async Task AddPostgresAdoNetGrainStorage_WrittenThenDeactivated_ReadsBack()
    {
        var (cluster, _) = await AdoNetCluster.StartAsync("adonet_storage_roundtrip", silos: 1);
        await using (cluster)
        {
            var grain = cluster.Client.GetGrain<ICounterGrain>("lot-7");
            await grain.SetAsync(41);
            var first = await grain.ActivationAsync();
            await grain.DeactivateAsync();
            await Eventually.HoldsAsync(async () => await grain.ActivationAsync() != first, "a new activation serves the grain");

            var value = await grain.GetAsync();

            Assert.Equal(41, value);
        }
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateException()
    {
        var (cluster, _) = await AdoNetCluster.StartAsync("adonet_storage_stale", silos: 1);
        await using (cluster)
        {
            var storage = StorageOf(cluster);
            var grainId = GrainId.Create("counter", "stale");
            var first = new GrainState<CounterState>(new CounterState { Value = 1 });
            await storage.WriteStateAsync("counter", grainId, first);
            var stale = new GrainState<CounterState>(new CounterState { Value = 2 }) { ETag = first.ETag };
            await storage.WriteStateAsync("counter", grainId, new GrainState<CounterState>(new CounterState { Value = 3 }) { ETag = first.ETag });

            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, stale));
        }
    }

    [Fact]
    public async Task ClearStateAsync_AfterWrite_NoRecordAndNextWriteSucceeds()
    {
        var (cluster, _) = await AdoNetCluster.StartAsync("adonet_storage_clear", silos: 1);
        await using (cluster)
        {
            var storage = StorageOf(cluster);
            var grainId = GrainId.Create("counter", "clear");
            var state = new GrainState<CounterState>(new CounterState { Value = 5 });
            await storage.WriteStateAsync("counter", grainId, state);
            await storage.ClearStateAsync("counter", grainId, state);
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync("counter", grainId, read);
            read.State = new CounterState { Value = 6 };

            await storage.WriteStateAsync("counter", grainId, read);

            Assert.False(state.RecordExists);
            Assert.Equal("3", read.ETag);
        }
    }

    [Fact]
    public async Task WriteStateAsync_FirstWriteOverExistingRow_ThrowsInconsistentStateException()
    {
        var (cluster, _) = await AdoNetCluster.StartAsync("adonet_storage_double", silos: 1);
        await using (cluster)
        {
            var storage = StorageOf(cluster);
            var grainId = GrainId.Create("counter", "double");
            await storage.WriteStateAsync("counter", grainId, new GrainState<CounterState>(new CounterState { Value = 1 }));

            await Assert.ThrowsAsync<InconsistentStateException>(
                () => storage.WriteStateAsync("counter", grainId, new GrainState<CounterState>(new CounterState { Value = 2 })));
        }
    }

    [Fact]
    public async Task WriteStateAsync_VersionAtInt32Max_WrapsInsteadOfOverflowing_Issue8379()
    {
        var (cluster, connectionString) = await AdoNetCluster.StartAsync("adonet_storage_wrap", silos: 1);
        await using (cluster)
        {
            var storage = StorageOf(cluster);
            var grainId = GrainId.Create("counter", "wrap");
            var state = new GrainState<CounterState>(new CounterState { Value = 1 });
            await storage.WriteStateAsync("counter", grainId, state);
            await Sql.ScalarAsync<int>(
                connectionString, "UPDATE orleans_storage SET version = 2147483647 RETURNING version");
            state.ETag = "2147483647";

            await storage.WriteStateAsync("counter", grainId, state);

            Assert.Equal("1", state.ETag);
        }
    }

    [Fact]
    public async Task ReadStateAsync_DigitOnlyStringKeys_KeptApartUnlessZeroPadded_Issue9706()
    {
        var (cluster, _) = await AdoNetCluster.StartAsync("adonet_storage_digits", silos: 1);
        await using (cluster)
        {
            await cluster.Client.GetGrain<ICounterGrain>("20235").SetAsync(1);
            await cluster.Client.GetGrain<ICounterGrain>("20236").SetAsync(2);

            var padded = await cluster.Client.GetGrain<ICounterGrain>("020235").GetAsync();
            var other = await cluster.Client.GetGrain<ICounterGrain>("20236").GetAsync();

            // The stock provider binds such keys as a number without their text; only our IGrainStorage keeps them apart.
            Assert.Equal(1, padded);
            Assert.Equal(2, other);
        }
    }

    private static IGrainStorage StorageOf(TestCluster cluster) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(AdoNetCluster.StorageName);
}
