using Vrps.Grains.Common;

namespace Vrps.Api.Tests;

/// <summary>A deferred change has no write of its own: the next save, whoever asks for it, carries it.</summary>
public sealed class CoalescedWritesTests
{
    [Fact]
    public async Task Defer_ThenAnotherCallersSave_OneWriteCarriesBoth()
    {
        var writes = 0;
        var coalesced = new CoalescedWrites(() => { writes++; return Task.CompletedTask; }, static () => { });

        coalesced.Defer();
        Assert.True(coalesced.HasDeferred);
        Assert.Equal(0, writes);

        await coalesced.SaveAsync();

        Assert.Equal(1, writes);
        Assert.False(coalesced.HasDeferred);
    }

    [Fact]
    public async Task Defer_WhileAWriteIsInFlight_StaysDeferredUntilTheNextSave()
    {
        var release = new TaskCompletionSource();
        var writes = 0;
        var coalesced = new CoalescedWrites(async () => { writes++; await release.Task; }, static () => { });

        var first = coalesced.SaveAsync();
        coalesced.Defer(); // made after the write in flight took its snapshot: that write does not carry it
        release.SetResult();
        await first;

        Assert.True(coalesced.HasDeferred);
        await coalesced.SaveAsync();
        Assert.Equal(2, writes);
    }
}
