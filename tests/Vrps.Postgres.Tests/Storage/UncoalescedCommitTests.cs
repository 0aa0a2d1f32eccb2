using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

public sealed class UncoalescedCommitTests : StorageTestBase
{
    protected override int MaxBatchSize => 1;

    [Fact]
    public async Task WriteState_MaxBatchSizeOne_OneTransactionPerWrite()
    {
        var before = Storage.Metrics.Transactions;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Grains.GetGrain<ICounterGrain>($"u{i}").AddAsync(1)));

        Assert.Equal(50, Storage.Metrics.Transactions - before);
        Assert.Equal(1, Storage.Metrics.LargestBatch);
    }
}
