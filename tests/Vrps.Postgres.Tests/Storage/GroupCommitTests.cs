using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Storage.Grains;
using Vrps.Testing;
using Xunit.Abstractions;

namespace Vrps.Postgres.Tests.Storage;

public sealed class GroupCommitTests(ITestOutputHelper output) : StorageTestBase
{
    [Fact]
    public async Task WriteState_ThousandConcurrentWritesAcrossTwoHundredGrains_FarFewerTransactionsAndEachDurableOnReturn()
    {
        var transactionsBefore = Storage.Metrics.Transactions;
        var writesBefore = Storage.Metrics.Writes;

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            var key = $"g{i % 200}";
            var value = await Grains.GetGrain<ICounterGrain>(key).AddAsync(1);

            // Read back the moment the caller is released: what it was told must already be committed.
            var stored = await Storage.StoredValueAsync("test.counter", key);
            Assert.True(stored >= value, $"{key} replied {value} while {stored} was stored");
        }));

        var transactions = Storage.Metrics.Transactions - transactionsBefore;
        output.WriteLine($"1,000 writes across 200 grains: {transactions} transactions, largest batch {Storage.Metrics.LargestBatch}");
        Assert.Equal(1000, Storage.Metrics.Writes - writesBefore);
        Assert.True(transactions * 4 <= 1000, $"1,000 writes took {transactions} transactions");
        Assert.Equal(200, await Storage.ScalarAsync<long>("SELECT count(*) FROM grain_storage WHERE (payload->>'value')::bigint = 5 AND version = 5"));
    }

    [Fact]
    public async Task WriteState_TransactionTerminatedByPostgres_EveryWaiterFailsAndNothingOfTheBatchIsStored()
    {
        var grains = Enumerable.Range(0, 40).Select(i => Grains.GetGrain<ICounterGrain>($"f{i}")).ToList();
        var activations = await Task.WhenAll(grains.Select(static g => g.ActivationAsync()));

        // The first gate lines the forty writes up behind one transaction; the second keeps their own transaction
        // open inside Postgres (f0's effect waits on it) until its backend is terminated.
        await using var lineUp = await CommitGate.CloseAsync(Storage.DataSource, "gate-a");
        await using var hold = await CommitGate.CloseAsync(Storage.DataSource, "gate-b");
        var held = Grains.GetGrain<ICounterGrain>("gatekeeper").AddWithEffectAsync(1, "gate-a");
        await CommitGate.WaitUntilBlockedAsync(Storage.DataSource);
        var calls = grains.Select((g, i) => g.AddWithEffectAsync(1, i == 0 ? "gate-b" : $"fail-{i}")).ToList();
        await Eventually.HoldsAsync(() => Storage.Metrics.Queued == 40, "forty writes wait behind the first gate");
        await lineUp.OpenAsync();
        await held;
        await CommitGate.WaitUntilBlockedAsync(Storage.DataSource);
        await Storage.ExecuteAsync("SELECT pg_terminate_backend($1)", await CommitGate.BlockedPidAsync(Storage.DataSource));

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<GrainStorageWriteException>(() => call);
        }

        await hold.OpenAsync();
        Assert.Equal(1, Storage.Metrics.FailedTransactions);
        Assert.Equal(0, await Storage.ScalarAsync<long>("SELECT count(*) FROM grain_storage WHERE grain_key LIKE 'f%'"));
        Assert.Equal(0, await Storage.EffectCountAsync("fail-"));
        Assert.Equal(0, await Storage.EffectCountAsync("gate-b"));
        await Storage.Cluster.WaitForDeactivationAsync(grains[1]).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(activations[1], await grains[1].ActivationAsync());
        Assert.Equal(1, await grains[1].AddAsync(1));
    }

    [Fact]
    public async Task WriteState_EffectViolatesConstraint_EveryWaiterInThatTransactionFailsAndNothingIsStored()
    {
        var grains = Enumerable.Range(0, 30).Select(i => Grains.GetGrain<ICounterGrain>($"c{i}")).ToList();
        await Task.WhenAll(grains.Select(static g => g.GetAsync()));

        await using var gate = await CommitGate.CloseAsync(Storage.DataSource, "gate");
        var held = Grains.GetGrain<ICounterGrain>("gatekeeper").AddWithEffectAsync(1, "gate");
        await CommitGate.WaitUntilBlockedAsync(Storage.DataSource);
        var calls = grains.Select((g, i) => g.AddWithEffectAsync(1, i == 7 ? "poison" : $"check-{i}")).ToList();
        await Eventually.HoldsAsync(() => Storage.Metrics.Queued == 30, "thirty writes wait behind the gate");
        await gate.OpenAsync();
        await held;

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<GrainStorageWriteException>(() => call);
        }

        Assert.Equal(0, await Storage.ScalarAsync<long>("SELECT count(*) FROM grain_storage WHERE grain_key LIKE 'c%'"));
        Assert.Equal(0, await Storage.EffectCountAsync("check-"));
    }
}
