using Vrps.Postgres.Index;

namespace Vrps.Postgres.Tests.Index;

/// <summary>Index rows staged by grains, committed (or not) by the grain storage, read through the silo's <see cref="GrainIndex"/>.</summary>
public sealed class GrainIndexCommitTests : IAsyncLifetime
{
    private ModuleCluster? cluster;

    private ModuleCluster Silo => cluster ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync() => cluster = await ModuleCluster.StartAsync(nameof(GrainIndexCommitTests));

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Upsert_StagedWithStateWrite_ListedOnceTheWriteReturns()
    {
        await Silo.Grains.GetGrain<IIndexedGrain>("listed").SaveAsync("bucket-a", "open");

        var page = await Silo.Service<GrainIndex>().ListAsync(IndexDatabase.Kind, "bucket-a", null, null, 10);

        var only = Assert.Single(page.Items);
        Assert.Equal("listed", only.GetProperty("key").GetString());
        Assert.Equal("open", only.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upsert_StagedWithAWriteThatFails_RowIsAbsent()
    {
        var grain = Silo.Grains.GetGrain<IIndexedGrain>("refused");

        await Assert.ThrowsAnyAsync<Exception>(() => grain.SaveThenFailAsync("bucket-b", "open"));

        Assert.Null(await Silo.Service<GrainIndex>().FindAsync(IndexDatabase.Kind, "refused"));
        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM grain_index"));
    }

    [Fact]
    public async Task Upsert_LaterWriteOfTheGrain_ReplacesItsRow()
    {
        var grain = Silo.Grains.GetGrain<IIndexedGrain>("changed");
        await grain.SaveAsync("bucket-c", "open");

        await grain.SaveAsync("bucket-c", "closed");

        var found = await Silo.Service<GrainIndex>().FindAsync(IndexDatabase.Kind, "changed");
        Assert.Equal("closed", found!.Value.GetProperty("status").GetString());
    }
}
