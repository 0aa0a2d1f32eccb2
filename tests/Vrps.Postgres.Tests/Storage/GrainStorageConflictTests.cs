using Orleans.Storage;
using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

public sealed class GrainStorageConflictTests : StorageTestBase
{
    [Fact]
    public async Task WriteState_StaleETag_ThrowsInconsistentStateDeactivatesAndNextCallReadsDurableState()
    {
        var grain = Grains.GetGrain<ICounterGrain>("stale");
        await grain.AddAsync(1);
        var first = await grain.ActivationAsync();
        await Storage.ExecuteAsync(
            """UPDATE grain_storage SET version = version + 1, payload = '{"value": 100}' WHERE grain_type = 'test.counter' AND grain_key = 'stale'""");

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync(1));

        Assert.Equal(("2", "1"), (conflict.StoredEtag, conflict.CurrentEtag));
        await Storage.Cluster.WaitForDeactivationAsync(grain).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(first, await grain.ActivationAsync());
        Assert.Equal(100, await grain.GetAsync());
        Assert.Equal(101, await grain.AddAsync(1));
    }

    [Fact]
    public async Task WriteState_AsNewWhileRowExists_ThrowsInconsistentStateAndNextCallReadsDurableState()
    {
        var grain = Grains.GetGrain<ICounterGrain>("raced");
        Assert.Equal(0, await grain.GetAsync());
        var first = await grain.ActivationAsync();
        await Storage.ExecuteAsync(
            """INSERT INTO grain_storage VALUES ('test.counter', 'raced', 'counter', 1, '{"value": 7}', now())""");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync(1));

        await Storage.Cluster.WaitForDeactivationAsync(grain).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(first, await grain.ActivationAsync());
        Assert.Equal(7, await grain.GetAsync());
    }

    [Fact]
    public async Task WriteState_OneStaleETagInABatch_OnlyThatWriteFailsAndTheOthersCommitWithTheirEffects()
    {
        var grains = Enumerable.Range(0, 20).Select(i => Grains.GetGrain<ICounterGrain>($"b{i}")).ToList();
        await Task.WhenAll(grains.Select(static g => g.AddAsync(1)));
        await Storage.ExecuteAsync("UPDATE grain_storage SET version = version + 1 WHERE grain_key = 'b0'");

        // A transaction held open in Postgres while all twenty writes queue behind it: they must share the next one.
        await using var gate = await CommitGate.CloseAsync(Storage.DataSource, "gate");
        var held = Grains.GetGrain<ICounterGrain>("gatekeeper").AddWithEffectAsync(1, "gate");
        await CommitGate.WaitUntilBlockedAsync(Storage.DataSource);
        var transactionsBefore = Storage.Metrics.Transactions;
        var calls = grains.Select((g, i) => g.AddWithEffectAsync(1, $"batch-{i}")).ToList();
        await Vrps.Testing.Eventually.HoldsAsync(() => Storage.Metrics.Queued == 20, "twenty writes wait behind the gate");
        await gate.OpenAsync();
        await held;

        await Assert.ThrowsAsync<InconsistentStateException>(() => calls[0]);
        foreach (var call in calls.Skip(1))
        {
            Assert.Equal(2, await call);
        }

        Assert.Equal(2, Storage.Metrics.Transactions - transactionsBefore);
        Assert.Equal(20, Storage.Metrics.LargestBatch);
        Assert.Equal(1, Storage.Metrics.Conflicts);
        Assert.Equal(0, await Storage.ScalarAsync<long>("SELECT count(*) FROM test_effects WHERE marker = 'batch-0'"));
        Assert.Equal(19, await Storage.EffectCountAsync("batch-"));
        Assert.Equal(1, await Storage.StoredValueAsync("test.counter", "b0"));
        Assert.Equal(2, await Storage.StoredValueAsync("test.counter", "b19"));
    }
}
