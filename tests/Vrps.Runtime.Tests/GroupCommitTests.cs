using Vrps.Runtime.Tests.Grains;

namespace Vrps.Runtime.Tests;

public sealed class GroupCommitTests : SiloTestBase
{
    [Fact]
    public async Task ConcurrentWrites_ThousandGrains_CoalesceIntoFarFewerTransactions()
    {
        var silo = await StartSiloAsync();
        var before = silo.Metrics.BatchCount;

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => silo.Grains.GetGrain<ICounterGrain>($"g{i}").AddAsync(1)));

        var transactions = silo.Metrics.BatchCount - before;
        Assert.True(transactions <= 200, $"1000 writes took {transactions} transactions");
        Assert.Equal(1000, await ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE payload->>'value' = '1'"));
    }

    [Fact]
    public async Task FourCommitsInFlight_HotAndColdGrainsWithEvents_EveryWriteChainsAndEventsStayGapFree()
    {
        var silo = await StartSiloAsync(options => options.MaxCommitsInFlight = 4);
        var hot = silo.Grains.GetGrain<ICounterGrain>("hot4");

        // One hot grain pipelining beside 500 cold grains: its writes must wait for its own transaction in flight,
        // the others may run beside it, and every stream's events keep gap-free sequence numbers.
        var hotWrites = Enumerable.Range(0, 1000).Select(_ => hot.AddPipelinedAsync(1));
        var coldWrites = Enumerable.Range(0, 500).Select(i => silo.Grains.GetGrain<ICounterGrain>($"cold4-{i}").AddWithEventAsync(1));
        var hotReplies = Task.WhenAll(hotWrites);
        await Task.WhenAll(coldWrites);

        Assert.Equal(Enumerable.Range(1, 1000).Select(static i => (long)i), (await hotReplies).Order());
        Assert.Equal(1000, await ScalarAsync<long>("SELECT (payload->>'value')::bigint FROM grain_state WHERE grain_key = 'hot4'"));
        Assert.Equal(1000, await ScalarAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'hot4'"));
        Assert.Equal(500, await ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE grain_key LIKE 'cold4-%' AND (payload->>'value')::bigint = 1"));
        Assert.Equal(500, await ScalarAsync<long>("SELECT count(*) FROM events WHERE key LIKE 'cold4-%' AND seq = 1"));
        Assert.Equal(500, await ScalarAsync<long>("SELECT count(DISTINCT position) FROM events WHERE key LIKE 'cold4-%'"));
    }

    [Fact]
    public async Task PipelinedWrites_OneHotGrain_CoalesceAndEveryReplyIsDurable()
    {
        var silo = await StartSiloAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("hot");
        await counter.AddAsync(0);
        var before = silo.Metrics.BatchCount;

        var replies = await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => counter.AddPipelinedAsync(1)));

        var transactions = silo.Metrics.BatchCount - before;
        Assert.True(transactions <= 400, $"2000 writes to one grain took {transactions} transactions");
        Assert.Equal(Enumerable.Range(1, 2000).Select(static i => (long)i), replies.Order());
        Assert.Equal(2000, await ScalarAsync<long>("SELECT (payload->>'value')::bigint FROM grain_state WHERE grain_key = 'hot'"));
        Assert.Equal(2001, await ScalarAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'hot'"));
    }

    [Fact]
    public async Task CommitFails_EveryWaitingCallerFails_AndNothingIsKept()
    {
        var silo = await StartSiloAsync();
        await ExecuteAsync(CommitFailure.Install);

        var calls = Enumerable.Range(0, 300).Select(i => silo.Grains.GetGrain<ICounterGrain>($"f{i}").AddAsync(1)).ToList();
        var pipelined = Enumerable.Range(0, 300).Select(_ => silo.Grains.GetGrain<ICounterGrain>("hot-failing").AddPipelinedAsync(1)).ToList();
        foreach (var call in calls.Concat(pipelined))
        {
            await Assert.ThrowsAsync<GrainStorageException>(() => call);
        }

        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM grain_state"));

        await ExecuteAsync(CommitFailure.Remove);
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("f0").AddAsync(1));
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("hot-failing").AddPipelinedAsync(1));
    }
}
