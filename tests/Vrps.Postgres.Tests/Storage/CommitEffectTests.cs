using Vrps.Postgres.Tests.Storage.Grains;

namespace Vrps.Postgres.Tests.Storage;

public sealed class CommitEffectTests : StorageTestBase
{
    [Fact]
    public async Task WriteState_WithStagedEffect_EffectCommitsWithTheState()
    {
        var value = await Grains.GetGrain<ICounterGrain>("effect").AddWithEffectAsync(4, "effect-1");

        Assert.Equal(4, value);
        Assert.Equal(4, await Storage.StoredValueAsync("test.counter", "effect"));
        Assert.Equal(1, await Storage.EffectCountAsync("effect-1"));
    }

    [Fact]
    public async Task StageCommitEffect_WithoutAWrite_NeverCommitsWithAnotherWrite()
    {
        var idle = Grains.GetGrain<ICounterGrain>("staged-only");
        await idle.StageOnlyAsync("leak");

        await Grains.GetGrain<ICounterGrain>("writer").AddWithEffectAsync(1, "writer-1");
        await Storage.Cluster.DeactivateAsync(idle);
        await idle.AddAsync(1);

        Assert.Equal(1, await Storage.EffectCountAsync("writer-1"));
        Assert.Equal(0, await Storage.EffectCountAsync("leak"));
    }
}
