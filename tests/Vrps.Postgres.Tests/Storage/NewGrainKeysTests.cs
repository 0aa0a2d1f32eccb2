using Microsoft.Extensions.DependencyInjection;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

public sealed class NewGrainKeysTests : StorageTestBase
{
    private NewGrainKeys Keys => Storage.Cluster.GetSiloServiceProvider().GetRequiredService<NewGrainKeys>();

    [Fact]
    public async Task MintedKey_FirstActivationLoadsNothingWithoutAQuery_AndALaterActivationReadsWhatItWrote()
    {
        var key = Keys.Mint();
        var grain = Grains.GetGrain<IGuidCounterGrain>(key);
        var readsBefore = Storage.Metrics.Reads;

        Assert.False(await grain.RecordExistsAsync());
        Assert.Equal(readsBefore, Storage.Metrics.Reads);
        Assert.Equal(5, await grain.AddAsync(5));

        // The hint served one read only: the next activation reads Postgres and finds the write.
        await Storage.Cluster.DeactivateAsync(grain);
        Assert.Equal(5, await grain.GetAsync());
        Assert.Equal(readsBefore + 1, Storage.Metrics.Reads);
    }

    [Fact]
    public async Task KeyNotMintedHere_OrForgotten_IsReadFromPostgres()
    {
        var stored = Guid.NewGuid();
        await Storage.ExecuteAsync(
            $"INSERT INTO grain_storage VALUES ('test.guid-counter', '{stored:N}', 'counter', 3, '{{\"value\": 7}}', now())");
        Assert.Equal(7, await Grains.GetGrain<IGuidCounterGrain>(stored).GetAsync());

        var forgotten = Keys.Mint();
        Keys.Forget(forgotten);
        var readsBefore = Storage.Metrics.Reads;
        Assert.False(await Grains.GetGrain<IGuidCounterGrain>(forgotten).RecordExistsAsync());
        Assert.Equal(readsBefore + 1, Storage.Metrics.Reads);
    }
}
