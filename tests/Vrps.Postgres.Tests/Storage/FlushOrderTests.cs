using System.Globalization;
using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>Effects flushed without a state write keep their place behind the same activation's earlier writes.</summary>
public sealed class FlushOrderTests : StorageTestBase
{
    [Fact]
    public async Task FlushCommitEffectsAsync_WriteStillQueued_CommitsWithOrAfterThatWrite()
    {
        var value = await Grains.GetGrain<IDefaultCounterGrain>("ordered").WriteThenFlushAsync(3, "write", "flush");

        Assert.Equal(3, value);
        Assert.Equal(3, await Storage.StoredValueAsync("test.default-counter", "ordered"));
        Assert.True(await TransactionOfAsync("flush") >= await TransactionOfAsync("write"));
    }

    private async Task<ulong> TransactionOfAsync(string marker)
    {
        var stored = await Storage.ScalarAsync<string>("SELECT marker FROM test_effects WHERE marker LIKE $1 || '" + TransactionMarkerEffect.Separator + "%'", marker);
        Assert.NotNull(stored);
        return ulong.Parse(stored[(marker.Length + TransactionMarkerEffect.Separator.Length)..], CultureInfo.InvariantCulture);
    }
}
