using Vrps.Postgres.Events;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Events;
using Vrps.Postgres.Tests.Storage.Grains;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Storage;

public sealed class FlushCommitEffectsTests : IAsyncLifetime
{
    private const string CountDeadlines = "SELECT count(*) FROM grain_deadlines";

    // Due long after the test: the deadline service never fires it while the test looks at its row.
    private static readonly DateTimeOffset FarAway = DateTimeOffset.UnixEpoch.AddYears(100);

    private ModuleCluster? cluster;

    private ModuleCluster Silo => cluster ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync() => cluster = await ModuleCluster.StartAsync(nameof(FlushCommitEffectsTests));

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task FlushCommitEffectsAsync_EventsStaged_InTheLogWhenItReturns()
    {
        await Silo.Grains.GetGrain<IFlushingGrain>("raiser").RaiseAsync("s1", 2);

        var events = await Silo.Service<EventLogReader>().ReadStreamAsync(FlushingGrain.Namespace, "s1", 0, 10);

        Assert.Equal([1, 2], events.Select(static e => e.Payload.GetProperty("n").GetInt32()));
        Assert.Equal([1L, 2L], events.Select(static e => e.Sequence));
    }

    [Fact]
    public async Task FlushCommitEffectsAsync_DeadlineStaged_RowStoredWhenItReturns()
    {
        await Silo.Grains.GetGrain<IFlushingGrain>("timer").SetDeadlineAsync("sla-breach", FarAway);

        Assert.Equal(1, await Silo.CountAsync("SELECT count(*) FROM grain_deadlines WHERE name = 'sla-breach' AND grain_key = 'timer'"));
    }

    [Fact]
    public async Task FlushCommitEffectsAsync_NothingStaged_CompletesAtOnce()
    {
        var completed = await Silo.Grains.GetGrain<IFlushingGrain>("idle").FlushNothingAsync();

        Assert.True(completed);
        Assert.Equal(0, await Silo.Service<EventLogReader>().LatestPositionAsync());
    }

    [Fact]
    public async Task FlushCommitEffectsAsync_TransactionFails_CallerFailsAndNothingIsStored()
    {
        var grain = Silo.Grains.GetGrain<IFlushingGrain>("refused");
        var before = await grain.ActivationAsync();

        await Assert.ThrowsAsync<GrainStorageWriteException>(() => grain.RaiseThenFailAsync("s2", "sla-breach", FarAway));

        Assert.Equal(0, await Silo.Service<EventLogReader>().LatestPositionAsync());
        Assert.Equal(0, await Silo.CountAsync(CountDeadlines));
        await Eventually.HoldsAsync(async () => await grain.ActivationAsync() != before, "the grain whose effects were lost is deactivated");
    }

    [Fact]
    public async Task FlushCommitEffectsAsync_AfterAFailedFlush_LaterFlushCommitsOnlyItsOwnEffects()
    {
        var grain = Silo.Grains.GetGrain<IFlushingGrain>("recovering");
        await Assert.ThrowsAsync<GrainStorageWriteException>(() => grain.RaiseThenFailAsync("s3", "sla-breach", FarAway));

        await grain.RaiseAsync("s3", 1);

        var only = Assert.Single(await Silo.Service<EventLogReader>().ReadStreamAsync(FlushingGrain.Namespace, "s3", 0, 10));
        Assert.Equal(1, only.Sequence);
        Assert.Equal(0, await Silo.CountAsync(CountDeadlines));
    }

    [Fact]
    public async Task FlushCommitEffectsAsync_NoDefaultVrpsStorage_ThrowsInvalidOperationException()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("flush_no_default");
        await using var events = await EventCluster.StartAsync(connection);

        await Assert.ThrowsAsync<InvalidOperationException>(() => events.Grains.GetGrain<IFlushingGrain>("lost").RaiseAsync("s4", 1));
    }
}
