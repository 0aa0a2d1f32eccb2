using Vrps.Runtime.Tests.Grains;
using Vrps.Testing;

namespace Vrps.Runtime.Tests;

public sealed class ActivationTests : SiloTestBase
{
    [Fact]
    public async Task GetGrain_ThousandConcurrentCalls_OneActivationRunsThemOneAtATime()
    {
        var silo = await StartSiloAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("hot");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => counter.AddYieldingAsync(1))));

        Assert.Equal(1, Probe.Activations["hot"]);
        Assert.Equal(1, Probe.MaxConcurrency);
        Assert.Equal(Enumerable.Range(1, 1000).Select(static i => (long)i), results.Order());
        Assert.Equal(1000, await counter.GetAsync());
    }

    [Fact]
    public async Task GetGrain_RacingFirstCallsFromManyThreads_ActivateEachGrainOnce()
    {
        // Regression: the directory's value factory ran on every racing thread and each one activated the grain.
        var silo = await StartSiloAsync();
        using var start = new ManualResetEventSlim();
        var calls = new List<Task<long>>();
        for (var grain = 0; grain < 40; grain++)
        {
            var counter = silo.Grains.GetGrain<ICounterGrain>($"race{grain}");
            for (var thread = 0; thread < 48; thread++)
            {
                calls.Add(Task.Factory.StartNew(() =>
                {
                    start.Wait();
                    return counter.AddAsync(1);
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
            }
        }

        start.Set();
        await Task.WhenAll(calls);

        Assert.All(Enumerable.Range(0, 40), grain => Assert.Equal(1, Probe.Activations[$"race{grain}"]));
    }

    [Fact]
    public async Task NonReentrantGrain_CallsSentInOrder_RunInArrivalOrder()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("order");

        var calls = Enumerable.Range(0, 200).Select(i => grain.AppendAsync(i)).ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200), await grain.GetAppendedAsync());
    }

    [Fact]
    public async Task ReentrantGrain_CallWaitingOnAnother_Interleaves()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IReentrantGrain>("reentrant");

        var waiting = grain.WaitForReleaseAsync();
        await Eventually.HoldsAsync(() => silo.Runtime.ActivationCount == 1, "the grain is active");
        await grain.ReleaseAsync();

        Assert.Equal("released", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task NonReentrantGrain_SecondCallWhileFirstAwaits_WaitsForTheFirstTurn()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("serial");

        var waiting = grain.WaitForReleaseAsync();
        var release = grain.ReleaseAsync();
        await Task.Delay(300);

        Assert.False(waiting.IsCompleted);
        Assert.False(release.IsCompleted);

        await grain.ReleaseInterleavedAsync();
        Assert.Equal("released", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await release.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ReadOnlyMethod_ConcurrentReads_InterleaveWithEachOther()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("reads");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.ReadSlowlyAsync()));

        Assert.True(Probe.MaxConcurrency > 1, $"read-only calls should overlap, max concurrency was {Probe.MaxConcurrency}");
    }

    [Fact]
    public async Task GrainCall_GrainThrows_CallerGetsSameTypeAndMessage()
    {
        var silo = await StartSiloAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>("thrower").FailAsync("bad plate"));

        Assert.StartsWith("bad plate", error.Message);
    }

    [Fact]
    public async Task GrainCall_NoAnswerWithinTimeout_FailsWithTimeout()
    {
        var silo = await StartSiloAsync(o => o.CallTimeout = TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => silo.Grains.GetGrain<IInterleavingGrain>("slow").SleepAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task IdleActivation_FakeClockPassesItsAgeLimit_IsDeactivated()
    {
        var clock = new FakeTimeProvider();
        var silo = await StartSiloAsync(time: clock);
        await silo.Grains.GetGrain<ICounterGrain>("default-limit").AddAsync(1);
        await silo.Grains.GetGrain<IQuickGrain>("one-minute").PingAsync();

        clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.HoldsAsync(() => Probe.Deactivations.ContainsKey("one-minute"), "the one-minute grain is collected");
        await Task.Delay(200);
        Assert.False(Probe.Deactivations.ContainsKey("default-limit"));

        clock.Advance(TimeSpan.FromMinutes(14));
        await Eventually.HoldsAsync(() => Probe.Deactivations.ContainsKey("default-limit"), "the default grain is collected after 15 minutes");
        Assert.Equal(0, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task GrainTimer_FakeClockAdvances_TicksAsTurnsUntilDeactivation()
    {
        var clock = new FakeTimeProvider();
        var silo = await StartSiloAsync(time: clock);
        var grain = silo.Grains.GetGrain<IQuickGrain>("timer");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(10));

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            var expected = i + 1;
            await Eventually.HoldsAsync(async () => await grain.GetTicksAsync() >= expected, $"tick {expected}");
        }

        Assert.Equal(3, await grain.GetTicksAsync());
    }
}
