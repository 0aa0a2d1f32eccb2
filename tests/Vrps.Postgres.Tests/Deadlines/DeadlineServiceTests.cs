using Vrps.Testing;

namespace Vrps.Postgres.Tests.Deadlines;

public sealed class DeadlineServiceTests
{
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
