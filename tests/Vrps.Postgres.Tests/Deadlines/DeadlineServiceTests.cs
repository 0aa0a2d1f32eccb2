using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Migrations;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Deadlines;

public sealed class DeadlineServiceTests
{
    private const string AlarmGrainType = "vrps-test-alarm";
    private const string CountDeadlines = "SELECT count(*) FROM grain_deadlines";

    [Fact]
    public async Task SetAsync_ClockReachesDueTime_FiresOnceAndIsRemoved()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_fires");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var key = NewKey();
        var dueAt = clock.GetUtcNow().AddMinutes(1);
        await cluster.Grains.GetGrain<IAlarmGrain>(key).SetAsync("expiry", dueAt);

        clock.Advance(TimeSpan.FromSeconds(59));
        await PolledAfterAsync(cluster, clock);
        Assert.Empty(AlarmScript.For(key).Fired);

        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => AlarmScript.For(key).Fired.Count > 0, "the deadline fires");
        await Eventually.HoldsAsync(async () => await DeadlineCluster.CountAsync(connection, CountDeadlines) == 0, "the fired deadline is removed");
        Assert.Equal([new AlarmFire("expiry", dueAt)], AlarmScript.For(key).Fired);
    }

    [Fact]
    public async Task SetAsync_AgainWithLaterTime_FiresOnlyAtTheNewTime()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_moves");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var key = NewKey();
        var alarm = cluster.Grains.GetGrain<IAlarmGrain>(key);
        await alarm.SetAsync("hold", clock.GetUtcNow().AddMinutes(1));
        var movedTo = clock.GetUtcNow().AddMinutes(10);
        await alarm.SetAsync("hold", movedTo);

        clock.Advance(TimeSpan.FromMinutes(5));
        await PolledAfterAsync(cluster, clock);
        Assert.Empty(AlarmScript.For(key).Fired);

        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.HoldsAsync(async () => await DeadlineCluster.CountAsync(connection, CountDeadlines) == 0, "the moved deadline fires and is removed");
        Assert.Equal([new AlarmFire("hold", movedTo)], AlarmScript.For(key).Fired);
    }

    [Fact]
    public async Task CancelAsync_BeforeDue_NeverFires()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_cancel");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var key = NewKey();
        var alarm = cluster.Grains.GetGrain<IAlarmGrain>(key);
        await alarm.SetAsync("sla", clock.GetUtcNow().AddMinutes(1));
        await alarm.CancelAsync("sla");

        clock.Advance(TimeSpan.FromMinutes(2));
        await PolledAfterAsync(cluster, clock);

        Assert.Empty(AlarmScript.For(key).Fired);

        // Only this grain's rows: the marker's may still be waiting for its outcome to be recorded.
        Assert.Equal(0, await DeadlineCluster.CountAsync(connection, "SELECT count(*) FROM grain_deadlines WHERE grain_key = @key", key));
    }

    [Fact]
    public async Task SetAsync_DueBeforeTheNextPoll_WakesTheIdleSiloAtOnce()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_wake");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock, configure: static o => o.PollInterval = TimeSpan.FromMinutes(1));
        var key = NewKey();

        await cluster.Grains.GetGrain<IAlarmGrain>(key).SetAsync("touchpoint", clock.GetUtcNow());

        // The silo polled at start and found nothing; without the commit's notification it would sleep a minute.
        await Eventually.HoldsAsync(() => AlarmScript.For(key).Fired.Count == 1, "the commit wakes the silo", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task OnDeadlineAsync_ReceiverFailsOnce_RetriedAfterTheDelayThenFiresOnce()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_retry");
        var clock = new FakeTimeProvider();
        var retryDelay = TimeSpan.FromSeconds(1);
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock, configure: o => o.RetryDelay = retryDelay);
        var key = NewKey();
        var script = AlarmScript.For(key);
        script.FailNext(1);
        await cluster.Grains.GetGrain<IAlarmGrain>(key).SetAsync("webhook-retry", clock.GetUtcNow().AddMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(async () => await DeadlineCluster.CountAsync(connection, CountDeadlines) == 0, "the retried deadline fires and is removed");

        Assert.Single(script.Fired);
        Assert.Equal(2, script.Attempts.Count);
        Assert.True(
            Stopwatch.GetElapsedTime(script.Attempts[0], script.Attempts[1]) >= retryDelay,
            "the retry waits for the retry delay");
    }

    [Fact]
    public async Task OnDeadlineAsync_BusinessClockJumpsPastTheLeaseWhileFiring_NotClaimedAgain()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_clock_jump");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var key = NewKey();
        var script = AlarmScript.For(key);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.Hold = hold;
        try
        {
            var dueAt = clock.GetUtcNow().AddMinutes(1);
            await cluster.Grains.GetGrain<IAlarmGrain>(key).SetAsync("slow-webhook", dueAt);
            clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.HoldsAsync(() => script.Attempts.Count == 1, "the fire is in flight");

            // Business time runs hours past the lease; the silo firing it is alive, so no poll may claim it again.
            clock.Advance(TimeSpan.FromHours(2));
            await PolledAfterAsync(cluster, clock);
            Assert.Single(script.Attempts);

            hold.SetResult();
            await Eventually.HoldsAsync(
                async () => await DeadlineCluster.CountAsync(connection, "SELECT count(*) FROM grain_deadlines WHERE grain_key = @key", key) == 0,
                "the fire completes and the deadline is removed");
            Assert.Single(script.Attempts);
            Assert.Equal([new AlarmFire("slow-webhook", dueAt)], script.Fired);
        }
        finally
        {
            hold.TrySetResult();
        }
    }

    [Fact]
    public async Task TwoSilos_ManyDeadlinesDue_EachFiresExactlyOnce()
    {
        const int count = 200;
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_two_silos");
        var clock = new FakeTimeProvider();

        // A small batch makes both silos claim while the other holds rows locked.
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock, silos: 2, configure: static o => o.BatchSize = 10);
        var keys = Enumerable.Range(0, count).Select(static _ => NewKey()).ToList();
        var dueAt = clock.GetUtcNow().AddMinutes(1);
        await Task.WhenAll(keys.Select(key => cluster.Grains.GetGrain<IAlarmGrain>(key).SetAsync("expiry", dueAt)));

        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(async () => await DeadlineCluster.CountAsync(connection, CountDeadlines) == 0, "every deadline fires and is removed", TimeSpan.FromSeconds(30));

        Assert.All(keys, static key => Assert.Single(AlarmScript.For(key).Attempts));
    }

    [Fact]
    public async Task DeadlineDueWhileNoSiloRan_SiloStarts_FiresWithinSeconds()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_downtime");
        var clock = new FakeTimeProvider();
        var key = NewKey();
        var dueAt = clock.GetUtcNow().AddMinutes(10);
        await using (var dataSource = NpgsqlDataSource.Create(connection))
        {
            await new MigrationRunner(dataSource, [DeadlineSchema.Migrations], NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
            var deadlines = new Vrps.Postgres.Deadlines.Deadlines(dataSource, Options.Create(new DeadlineOptions()), clock);
            await deadlines.SetAsync(GrainId.Create(AlarmGrainType, key), "pass-expiry", dueAt);
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock, configure: static o => o.PollInterval = TimeSpan.FromSeconds(1));

        // The brief's bound for an overdue deadline after recovery.
        await Eventually.HoldsAsync(() => AlarmScript.For(key).Fired.Count == 1, "the overdue deadline fires after start", TimeSpan.FromSeconds(5));
        Assert.Equal([new AlarmFire("pass-expiry", dueAt)], AlarmScript.For(key).Fired);
    }

    [Fact]
    public async Task SiloDiesHoldingALease_LeaseLapses_AnotherSiloFiresIt()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_lease");
        var clock = new FakeTimeProvider();
        var lease = TimeSpan.FromSeconds(3);
        var key = NewKey();
        var script = AlarmScript.For(key);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.Hold = hold;
        try
        {
            await using (var dying = await DeadlineCluster.StartAsync(connection, clock, configure: o => o.Lease = lease))
            {
                await dying.Grains.GetGrain<IAlarmGrain>(key).SetAsync("hold-lapse", clock.GetUtcNow().AddMinutes(1));
                clock.Advance(TimeSpan.FromMinutes(1));
                await Eventually.HoldsAsync(() => script.Attempts.Count == 1, "the first silo claims and fires");
                await dying.KillAsync();
            }

            script.Hold = null;
            await using var survivor = await DeadlineCluster.StartAsync(connection, clock, configure: o => o.Lease = lease);
            await Eventually.HoldsAsync(async () => await DeadlineCluster.CountAsync(connection, CountDeadlines) == 0, "the survivor fires it once the lease lapses", TimeSpan.FromSeconds(30));

            Assert.Single(script.Fired);
            Assert.Equal(2, script.Attempts.Count);
            // The lease runs from the claim, a moment before the first call reached the grain.
            var claimToCall = TimeSpan.FromMilliseconds(500);
            Assert.True(
                Stopwatch.GetElapsedTime(script.Attempts[0], script.Attempts[1]) >= lease - claimToCall,
                "nobody fires it before the lease lapses");
        }
        finally
        {
            // The killed silo's call is still waiting in this process.
            hold.TrySetResult();
        }
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Returns once a poll has run after the clock moved: a marker deadline due now fires, and a poll claims every row
    /// due at its instant in due order, so whatever that poll did not fire was not due.
    /// </summary>
    private static async Task PolledAfterAsync(DeadlineCluster cluster, FakeTimeProvider clock)
    {
        var marker = NewKey();
        await cluster.Grains.GetGrain<IAlarmGrain>(marker).SetAsync("marker", clock.GetUtcNow());
        await Eventually.HoldsAsync(() => AlarmScript.For(marker).Fired.Count == 1, "a poll after the clock moved");
    }
}
