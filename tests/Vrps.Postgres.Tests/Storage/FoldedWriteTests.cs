using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Storage.Grains;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>
/// A grain on <see cref="PipelinedStateAttribute"/> writes its state again before the last write committed: the
/// writes waiting for the same transaction fold into one row update, every caller is released with the state it made
/// durable, and they stand or fall together.
/// </summary>
public sealed class FoldedWriteTests : StorageTestBase
{
    private const int Writes = 25;

    [Fact]
    public async Task WriteState_SameStateWrittenAgainBeforeItsCommit_OneUpdateHoldsThemAllWithEveryEffectInOrder()
    {
        var counter = Grains.GetGrain<IPipelinedCounterGrain>("folded");
        await counter.GetAsync();
        var writesBefore = Storage.Metrics.Writes;

        await using var gate = await CommitGate.CloseAsync(Storage.DataSource, "gate");
        var held = Grains.GetGrain<ICounterGrain>("gatekeeper").AddWithEffectAsync(1, "gate");
        await CommitGate.WaitUntilBlockedAsync(Storage.DataSource);
        var adding = counter.AddRepeatedlyAsync(Writes, "fold-", poisonLast: false);
        await Eventually.HoldsAsync(() => Storage.Metrics.Queued == Writes, "the grain's writes wait behind the gate");
        await gate.OpenAsync();
        await held;

        Assert.Equal(Writes, await adding);
        Assert.Equal(Writes, await Storage.StoredValueAsync("test.pipelined-counter", "folded"));
        Assert.Equal(Writes, await Storage.ScalarAsync<long>("SELECT version FROM grain_storage WHERE grain_key = 'folded'"));
        Assert.Equal(Writes + 1, Storage.Metrics.Writes - writesBefore);
        Assert.Equal(1, await Storage.ScalarAsync<long>(
            "SELECT count(DISTINCT split_part(marker, ':', 2)) FROM test_effects WHERE marker LIKE 'fold-%'"));
        Assert.Equal(Writes, await Storage.EffectCountAsync("fold-"));

        // The ETag the activation holds is the folded write's: its next write is accepted.
        Assert.Equal(Writes + 1, await counter.AddAsync(1));
    }

    [Fact]
    public async Task WriteState_FoldedWriteFails_EveryCallerFailsNothingIsStoredAndTheActivationGoes()
    {
        var counter = Grains.GetGrain<IPipelinedCounterGrain>("poisoned");
        Assert.Equal(1, await counter.AddAsync(1));
        var activation = await counter.ActivationAsync();

        await using var gate = await CommitGate.CloseAsync(Storage.DataSource, "gate");
        var held = Grains.GetGrain<ICounterGrain>("gatekeeper").AddWithEffectAsync(1, "gate");
        await CommitGate.WaitUntilBlockedAsync(Storage.DataSource);
        var adding = counter.AddRepeatedlyAsync(Writes, "doomed-", poisonLast: true);
        await Eventually.HoldsAsync(() => Storage.Metrics.Queued == Writes, "the grain's writes wait behind the gate");
        await gate.OpenAsync();
        await held;

        await Assert.ThrowsAsync<GrainStorageWriteException>(() => adding);
        Assert.Equal(1, await Storage.StoredValueAsync("test.pipelined-counter", "poisoned"));
        Assert.Equal(0, await Storage.EffectCountAsync("doomed-"));
        await Storage.Cluster.WaitForDeactivationAsync(counter).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(activation, await counter.ActivationAsync());
        Assert.Equal(2, await counter.AddAsync(1));
    }
}
