using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vrps.Postgres.Events;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Events;

public sealed class EventDeliveryTests
{
    private const string WaitingLogLocks = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";

    [Fact]
    public async Task Append_CommittedWithState_ReachesImplicitSubscriberInStreamOrder()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_deliver");
        await using var cluster = await EventCluster.StartAsync(connection);
        var stream = NewKey();
        var source = cluster.Grains.GetGrain<IEventSourceGrain>(NewKey());

        await source.AppendAsync(stream, 3);
        await source.AppendAsync(stream, 2);

        var sink = EventSink.For(stream);
        await Eventually.HoldsAsync(() => sink.Accepted.Count >= 5, "five events reach the subscriber");
        Assert.Equal([1L, 2, 3, 4, 5], sink.Accepted.Select(static e => e.Sequence));
        Assert.Equal(sink.Accepted.Select(static e => e.Position).Order(), sink.Accepted.Select(static e => e.Position));
        using var last = System.Text.Json.JsonDocument.Parse(sink.Accepted[^1].PayloadJson);
        Assert.Equal(5, last.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Append_StateWriteRolledBack_IsNeverDelivered()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_rollback");
        await using var cluster = await EventCluster.StartAsync(connection);
        var stream = NewKey();

        await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendThenFailAsync(stream));
        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(stream, 1);

        // Delivery is in stream order, so once the later event is in, the rolled-back one would have been too.
        var sink = EventSink.For(stream);
        await Eventually.HoldsAsync(() => sink.Accepted.Count >= 1, "the committed event reaches the subscriber");
        var only = Assert.Single(sink.Deliveries);
        Assert.Equal(1, only.Sequence);
    }

    [Fact]
    public async Task Append_ManyConcurrentWritersOnOneStream_ArriveInOrderWithoutGaps()
    {
        const int writers = 20;
        const int rounds = 5;
        var connection = await TestPostgres.CreateDatabaseAsync("events_concurrent");
        await using var cluster = await EventCluster.StartAsync(connection);
        var stream = NewKey();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            var source = cluster.Grains.GetGrain<IEventSourceGrain>(NewKey());
            for (var round = 0; round < rounds; round++)
            {
                await source.AppendAsync(stream, 1);
            }
        }));

        var sink = EventSink.For(stream);
        await Eventually.HoldsAsync(() => sink.Accepted.Count >= writers * rounds, "every event reaches the subscriber");
        Assert.Equal(Enumerable.Range(1, writers * rounds).Select(static i => (long)i), sink.Accepted.Select(static e => e.Sequence));
        Assert.Equal(sink.Accepted.Select(static e => e.Position).Order(), sink.Accepted.Select(static e => e.Position));
    }

    [Fact]
    public async Task Append_LowerPositionCommitsLate_IsDeliveredAndNotOvertaken()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_late");
        await using var cluster = await EventCluster.StartAsync(connection);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var early = NewKey();
        var late = NewKey();

        // A transaction that draws its position and then takes its time to commit.
        await using var slow = await dataSource.OpenConnectionAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await using (var batch = new NpgsqlBatch(slow, transaction))
        {
            EventLog.Append(EventSinkGrain.Namespace, early, EventTypes.Noted, "{}", DateTimeOffset.UnixEpoch).AddTo(batch);
            await batch.ExecuteNonQueryAsync();
        }

        var overtaking = cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(late, 1);
        await Eventually.HoldsAsync(async () => await CountAsync(dataSource, WaitingLogLocks) == 1, "the later append waits for the earlier one to commit");
        Assert.False(overtaking.IsCompleted);

        await transaction.CommitAsync();
        await overtaking;

        await Eventually.HoldsAsync(() => EventSink.For(early).Accepted.Count == 1 && EventSink.For(late).Accepted.Count == 1, "both events reach their subscribers");
        Assert.True(EventSink.For(early).Accepted[0].Position < EventSink.For(late).Accepted[0].Position);
    }

    [Fact]
    public async Task Delivery_SiloRestarts_ResumesFromCheckpointWithoutLoss()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_restart");
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var stream = NewKey();
        var sink = EventSink.For(stream);
        await using (var first = await EventCluster.StartAsync(connection))
        {
            var source = first.Grains.GetGrain<IEventSourceGrain>(NewKey());
            await source.AppendAsync(stream, 5);
            await Eventually.HoldsAsync(() => sink.Accepted.Count >= 5, "the first events reach the subscriber");
            await source.AppendAsync(stream, 5);
            await Eventually.HoldsAsync(
                async () => await CountAsync(dataSource, "SELECT coalesce(max(position), 0) FROM event_log_checkpoints") >= 5,
                "the checkpoint moves past the delivered events");
            await first.StopAsync();
        }

        // Committed while no silo runs.
        await EventCluster.AppendDirectlyAsync(dataSource, stream, 5);

        await using var second = await EventCluster.StartAsync(connection);
        await Eventually.HoldsAsync(() => sink.Accepted.Count >= 15, "every event reaches the subscriber after the restart");
        Assert.Equal(Enumerable.Range(1, 15).Select(static i => (long)i), sink.Accepted.Select(static e => e.Sequence));
    }

    [Fact]
    public async Task Delivery_SiloCrashesWhileSubscriberHandles_NextSiloDeliversThatEventAgainInStreamOrder()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_crash");
        var stream = NewKey();
        var sink = EventSink.For(stream);
        var hold = new SinkHold(2);
        sink.Hold = hold;
        try
        {
            await using (var first = await EventCluster.StartAsync(connection))
            {
                await first.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(stream, 3);
                await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(15));
                await first.KillAsync();
            }

            sink.Hold = null;
            Assert.Equal([1L], sink.Accepted.Select(static e => e.Sequence));

            await using var second = await EventCluster.StartAsync(connection);
            await Eventually.HoldsAsync(() => sink.Accepted.Count >= 3, "the event in flight at the crash and the one after it reach the subscriber");
            Assert.Equal([1L, 2, 3], sink.Accepted.Select(static e => e.Sequence));

            // Redelivery may repeat what was already handled, but never goes back once it has moved on.
            var delivered = sink.Deliveries.Select(static e => e.Sequence).ToList();
            Assert.Equal(delivered.Order(), delivered);
        }
        finally
        {
            // The killed silo's delivery is still waiting in this process.
            hold.Release.TrySetResult();
        }
    }

    [Fact]
    public async Task Delivery_SubscriberFailsTwice_RetriedUntilItTakesTheEventAndTheRestFollowInOrder()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_retry");
        await using var cluster = await EventCluster.StartAsync(connection);
        var stream = NewKey();
        var sink = EventSink.For(stream);
        sink.FailNext(2);

        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(stream, 3);

        await Eventually.HoldsAsync(() => sink.Accepted.Count >= 3, "the retried event and the later ones reach the subscriber", TimeSpan.FromSeconds(30));
        Assert.Equal([1L, 2, 3], sink.Accepted.Select(static e => e.Sequence));
        Assert.Equal([1L, 2, 3], sink.Deliveries.Select(static e => e.Sequence));
    }

    [Fact]
    public async Task Read_EventsOnlyOnOtherQueues_QuietQueueCheckpointMovesPastThem()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_quiet");
        await using var cluster = await EventCluster.StartAsync(connection);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var stream = NewKey();

        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(stream, 10);

        // One stream lives on one queue; the other queues must not rescan its events on every poll, nor after a restart.
        await Eventually.HoldsAsync(
            async () => await CountAsync(
                dataSource,
                "SELECT count(*) FROM event_log_checkpoints WHERE position = (SELECT max(position) FROM event_log)") == EventCluster.QueueCount,
            "every queue's checkpoint reaches the end of the log");
    }

    [Fact]
    public async Task Read_QueueWithMoreEventsThanOneRead_DeliversThemAllInOrderThroughTheQueueIndex()
    {
        // Eight queues read through event_log_queue_8 (the default split); a read takes at most 10 events here, so a
        // queue's 25 events take three reads, each going on from the last event the previous one took.
        var connection = await TestPostgres.CreateDatabaseAsync("events_full_reads");
        await using var cluster = await EventCluster.StartAsync(connection, queueCount: 8, batchSize: 10);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var stream = NewKey();
        var source = cluster.Grains.GetGrain<IEventSourceGrain>(NewKey());

        await source.AppendAsync(stream, 25);
        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(NewKey(), 5);

        var sink = EventSink.For(stream);
        await Eventually.HoldsAsync(() => sink.Accepted.Count >= 25, "the queue's 25 events reach the subscriber");
        Assert.Equal(Enumerable.Range(1, 25).Select(static n => (long)n), sink.Accepted.Select(static e => e.Sequence));
        await Eventually.HoldsAsync(
            async () => await CountAsync(
                dataSource,
                "SELECT count(*) FROM event_log_checkpoints WHERE position = (SELECT max(position) FROM event_log)") == 8,
            "every queue's checkpoint reaches the end of the log");
    }

    [Fact]
    public async Task Delivery_EventsDelivered_CountedInMetrics()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_metrics");
        await using var cluster = await EventCluster.StartAsync(connection);
        using var probe = new EventLogMetricsProbe(cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IMeterFactory>());

        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(NewKey(), 3);

        await Eventually.HoldsAsync(() => probe.Delivered >= 3, "the three deliveries are counted");
        Assert.Equal(3, probe.Read);
    }

    [Fact]
    public async Task Delivery_BurstOnOneStream_ArrivesInOrderInAFewDeliveriesNotOnePerEvent()
    {
        // 250 events of one stream in one commit, read 500 at a time: at most 100 travel in one delivery, so three
        // deliveries carry them (a read that catches the append halfway costs one more).
        var connection = await TestPostgres.CreateDatabaseAsync("events_batched");
        await using var cluster = await EventCluster.StartAsync(connection);
        using var probe = new EventLogMetricsProbe(cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IMeterFactory>());
        var stream = NewKey();

        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(stream, 250);

        var sink = EventSink.For(stream);
        await Eventually.HoldsAsync(() => probe.Delivered >= 250, "the 250 events are reported delivered");
        Assert.Equal(Enumerable.Range(1, 250).Select(static n => (long)n), sink.Accepted.Select(static e => e.Sequence));
        Assert.InRange(probe.Deliveries, 3, 5);
    }

    [Fact]
    public async Task Delivery_OneEventPerDeliveryConfigured_EveryEventIsADeliveryOfItsOwn()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("events_single");
        await using var cluster = await EventCluster.StartAsync(connection, eventsPerDelivery: 1);
        using var probe = new EventLogMetricsProbe(cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IMeterFactory>());
        var stream = NewKey();

        await cluster.Grains.GetGrain<IEventSourceGrain>(NewKey()).AppendAsync(stream, 20);

        var sink = EventSink.For(stream);
        await Eventually.HoldsAsync(() => probe.Delivered >= 20, "the 20 events are reported delivered");
        Assert.Equal(Enumerable.Range(1, 20).Select(static n => (long)n), sink.Accepted.Select(static e => e.Sequence));
        Assert.Equal(20, probe.Deliveries);
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
