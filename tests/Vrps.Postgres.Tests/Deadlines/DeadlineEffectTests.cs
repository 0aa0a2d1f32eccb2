using Npgsql;
using Vrps.Postgres.Storage;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Deadlines;

/// <summary>The effects a grain storage adds to a state write's batch, run here in a transaction of the test's own.</summary>
public sealed class DeadlineEffectTests
{
    private const string CountDeadlines = "SELECT count(*) FROM grain_deadlines";

    [Fact]
    public async Task SetEffect_TransactionCommits_FiresAtDueTime()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_effect_commit");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var key = Guid.NewGuid().ToString("N");
        var grain = cluster.Grains.GetGrain<IAlarmGrain>(key).GetGrainId();
        var dueAt = clock.GetUtcNow().AddMinutes(1);

        await RunAsync(connection, commit: true, cluster.Deadlines.Set(grain, "booking-hold", dueAt));
        Assert.Equal(1, await DeadlineCluster.CountAsync(connection, CountDeadlines));

        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(() => AlarmScript.For(key).Fired.Count == 1, "the committed deadline fires");
        Assert.Equal([new AlarmFire("booking-hold", dueAt)], AlarmScript.For(key).Fired);
    }

    [Fact]
    public async Task SetEffect_TransactionRollsBack_NeverFires()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_effect_rollback");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var key = Guid.NewGuid().ToString("N");
        var grain = cluster.Grains.GetGrain<IAlarmGrain>(key).GetGrainId();

        // Due at once, so the effect also stages the wake-up notification, which must vanish with the transaction.
        await RunAsync(connection, commit: false, cluster.Deadlines.Set(grain, "booking-hold", clock.GetUtcNow()));
        Assert.Equal(0, await DeadlineCluster.CountAsync(connection, CountDeadlines));

        clock.Advance(TimeSpan.FromMinutes(1));
        var marker = Guid.NewGuid().ToString("N");
        await cluster.Grains.GetGrain<IAlarmGrain>(marker).SetAsync("marker", clock.GetUtcNow());
        await Eventually.HoldsAsync(() => AlarmScript.For(marker).Fired.Count == 1, "a poll after the clock moved");
        Assert.Empty(AlarmScript.For(key).Attempts);
    }

    [Fact]
    public async Task CancelEffect_TransactionCommits_DeadlineIsGone()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_effect_cancel");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var grain = cluster.Grains.GetGrain<IAlarmGrain>(Guid.NewGuid().ToString("N")).GetGrainId();
        await cluster.Deadlines.SetAsync(grain, "sla-breach", clock.GetUtcNow().AddHours(1));

        await RunAsync(connection, commit: true, cluster.Deadlines.Cancel(grain, "sla-breach"));

        Assert.Equal(0, await DeadlineCluster.CountAsync(connection, CountDeadlines));
    }

    [Fact]
    public async Task CancelEffect_TransactionRollsBack_DeadlineStays()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadline_effect_cancel_rollback");
        var clock = new FakeTimeProvider();
        await using var cluster = await DeadlineCluster.StartAsync(connection, clock);
        var grain = cluster.Grains.GetGrain<IAlarmGrain>(Guid.NewGuid().ToString("N")).GetGrainId();
        await cluster.Deadlines.SetAsync(grain, "sla-breach", clock.GetUtcNow().AddHours(1));

        await RunAsync(connection, commit: false, cluster.Deadlines.Cancel(grain, "sla-breach"));

        Assert.Equal(1, await DeadlineCluster.CountAsync(connection, CountDeadlines));
    }

    /// <summary>What the grain storage will do: a state write (here a stand-in statement) and the effects, in one transaction.</summary>
    private static async Task RunAsync(string connectionString, bool commit, ICommitEffect effect)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT 1"));
        effect.AddTo(batch);
        await batch.ExecuteNonQueryAsync();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }
}
