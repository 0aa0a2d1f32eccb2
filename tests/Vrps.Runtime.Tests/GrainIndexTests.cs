using Vrps.Runtime.Tests.Grains;

namespace Vrps.Runtime.Tests;

public sealed class GrainIndexTests : SiloTestBase
{
    [Fact]
    public async Task SetIndex_WithStateWrite_ListSeesItAtOnceAndPagesWithCursor()
    {
        var silo = await StartSiloAsync();
        for (var i = 0; i < 5; i++)
        {
            await silo.Grains.GetGrain<ICounterGrain>($"listed{i}").IndexAsync("bucket-a");
        }

        var index = (GrainIndex)silo.Services.GetService(typeof(GrainIndex))!;
        var first = await index.ListAsync("test-counter", "bucket-a", null, null, 3);
        var second = await index.ListAsync("test-counter", "bucket-a", null, first.NextCursor, 3);

        Assert.Equal(3, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.NextCursor);
        var keys = first.Items.Concat(second.Items).Select(static i => i.GetProperty("key").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(static i => $"listed{i}"), keys);
    }

    [Fact]
    public async Task ListAsync_WithFieldMatch_PagesOnlyTheMatchingRows()
    {
        var silo = await StartSiloAsync();
        for (var i = 0; i < 5; i++)
        {
            await silo.Grains.GetGrain<ICounterGrain>($"matched{i}").IndexAsync("bucket-m");
        }

        var index = (GrainIndex)silo.Services.GetService(typeof(GrainIndex))!;
        var page = await index.ListAsync("test-counter", "bucket-m", null, null, 1, match: ("key", "matched3"));

        Assert.Equal("matched3", Assert.Single(page.Items).GetProperty("key").GetString());
        Assert.Null(page.NextCursor);
    }
}
