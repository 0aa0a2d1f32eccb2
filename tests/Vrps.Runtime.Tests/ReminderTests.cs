using Vrps.Runtime.Tests.Grains;
using Vrps.Testing;

namespace Vrps.Runtime.Tests;

public sealed class ReminderTests : SiloTestBase
{
    private int Fired(string key, string name) => Probe.Log.Count(entry => entry == $"reminder:{key}:{name}");

    [Fact]
    public async Task OneShotReminder_FallsDue_FiresOnceAndIsRemoved()
    {
        var clock = new FakeTimeProvider();
        var silo = await StartSiloAsync(time: clock);
        await silo.Grains.GetGrain<ICounterGrain>("once").SetReminderAsync("wake", TimeSpan.FromMinutes(1), null);

        await Task.Delay(200);
        Assert.Equal(0, Fired("once", "wake"));

        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(() => Fired("once", "wake") == 1, "the reminder fires");
        await Eventually.HoldsAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM reminders") == 0, "the fired one-shot is removed");
        await Task.Delay(300);
        Assert.Equal(1, Fired("once", "wake"));
    }

    [Fact]
    public async Task PeriodicReminder_ClockMovesThreePeriods_FiresEachPeriod()
    {
        var clock = new FakeTimeProvider();
        var silo = await StartSiloAsync(time: clock);
        await silo.Grains.GetGrain<ICounterGrain>("periodic").SetReminderAsync("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        for (var tick = 1; tick <= 3; tick++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var expected = tick;
            await Eventually.HoldsAsync(() => Fired("periodic", "beat") == expected, $"tick {expected}");
        }

        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM reminders"));
    }

    [Fact]
    public async Task PeriodicReminder_ClockJumpsPastLeaseWhileFireInFlight_FiresOnceThenOnceForTheLateTick()
    {
        var clock = new FakeTimeProvider();
        var silo = await StartSiloAsync(time: clock);
        Probe.HoldReminders = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await silo.Grains.GetGrain<ICounterGrain>("held").SetReminderAsync("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(() => Fired("held", "beat") == 1, "the first tick is in flight");

        // Business time jumps far past the lease; the silo is alive, so nobody may claim the tick a second time.
        clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(500);
        Assert.Equal(1, Fired("held", "beat"));

        var hold = Probe.HoldReminders;
        Probe.HoldReminders = null;
        hold.SetResult();

        // The two hours of missed periods collapse into one late tick.
        await Eventually.HoldsAsync(() => Fired("held", "beat") == 2, "the late tick fires");
        await Task.Delay(500);
        Assert.Equal(2, Fired("held", "beat"));
    }

    [Fact]
    public async Task Reminder_DueWhileSiloWasDown_FiresAfterRestartWithItsDueTime()
    {
        var clock = new FakeTimeProvider();
        var first = await StartSiloAsync(time: clock);
        await first.Grains.GetGrain<ICounterGrain>("sleeper").SetReminderAsync("overdue", TimeSpan.FromMinutes(10), null);
        var dueAt = clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        await first.StopAsync();

        clock.Advance(TimeSpan.FromHours(1));
        await StartSiloAsync(time: clock);

        await Eventually.HoldsAsync(() => Fired("sleeper", "overdue") == 1, "the overdue reminder fires after restart");
        await Eventually.HoldsAsync(
            async () => (await ScalarAsync<string>("SELECT payload->>'ticks' FROM grain_state WHERE grain_key = 'sleeper'"))?.Contains($"overdue@{dueAt:O}") == true,
            "the tick, with its original due time, is stored");
    }
}
