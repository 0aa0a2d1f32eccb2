using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Vrps.Postgres.Events;
using Vrps.Postgres.Migrations;
using Vrps.Postgres.Storage;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Events;

public sealed class EventLogReaderTests
{
    private const string Bookings = "booking";
    private const string Tickets = "ticket";
    private const string Lots = "lot";

    [Fact]
    public async Task ReadAfterAsync_FromZero_ReturnsEventsInPositionOrder()
    {
        await using var dataSource = await CreateLogAsync("reader_order");
        await AppendAsync(dataSource, Append(Bookings, "b1", "{\"n\":1}"), Append(Bookings, "b2", "{\"n\":2}"));
        await AppendAsync(dataSource, Append(Bookings, "b1", "{\"n\":3}"));

        var events = await new EventLogReader(dataSource).ReadAfterAsync(0, [Bookings], 10);

        Assert.Equal([1, 2, 3], events.Select(static e => e.Payload.GetProperty("n").GetInt32()));
        Assert.Equal(events.Select(static e => e.Position).Order(), events.Select(static e => e.Position));
        Assert.Equal([("b1", 1L), ("b2", 1L), ("b1", 2L)], events.Select(static e => (e.Key, e.Sequence)));
    }

    [Fact]
    public async Task ReadAfterAsync_FromAPosition_ReturnsOnlyLaterEventsUpToTheLimit()
    {
        await using var dataSource = await CreateLogAsync("reader_after");
        await AppendAsync(dataSource, Enumerable.Range(1, 5).Select(static i => Append(Bookings, "b1", $$"""{"n":{{i}}}""")).ToArray());
        var reader = new EventLogReader(dataSource);
        var first = await reader.ReadAfterAsync(0, [Bookings], 2);

        var next = await reader.ReadAfterAsync(first[^1].Position, [Bookings], 2);

        Assert.Equal([3, 4], next.Select(static e => e.Payload.GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task ReadAfterAsync_SomeNamespaces_LeavesOutTheOthers()
    {
        await using var dataSource = await CreateLogAsync("reader_namespaces");
        await AppendAsync(dataSource, Append(Bookings, "b1"), Append(Lots, "l1"), Append(Tickets, "t1"), Append(Lots, "l2"));

        var events = await new EventLogReader(dataSource).ReadAfterAsync(0, [Bookings, Tickets], 10);

        Assert.Equal([(Bookings, "b1"), (Tickets, "t1")], events.Select(static e => (e.Namespace, e.Key)));
    }

    [Fact]
    public async Task ReadAfterAsync_NoNamespaces_ReturnsNothing()
    {
        await using var dataSource = await CreateLogAsync("reader_none");
        await AppendAsync(dataSource, Append(Bookings, "b1"));

        Assert.Empty(await new EventLogReader(dataSource).ReadAfterAsync(0, [], 10));
    }

    [Fact]
    public async Task ReadAfterAsync_ByNamespace_UsesTheNamespaceIndex()
    {
        var plan = await PlanAsync("reader_plan", EventLogReaderSql.ReadAfter, parameters =>
        {
            parameters.AddWithValue("namespaces", new[] { Bookings });
            parameters.AddWithValue("after", 0L);
            parameters.AddWithValue("limit", 10);
        });

        Assert.Contains(plan, static line => line.Contains("event_log_namespace_position", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadQueue_DefaultEightQueues_SeeksTheQueueIndex()
    {
        // A queue that scanned the whole log would read every event once per queue.
        var plan = await PlanAsync("queue_plan", EventLogSql.ReadQueue(8), parameters =>
        {
            parameters.AddWithValue("queue", 3);
            parameters.AddWithValue("after", 0L);
            parameters.AddWithValue("limit", 500L);
        });

        Assert.Contains(plan, static line => line.Contains("event_log_queue_8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAll_ReadsEachStreamsLastSequenceFromTheStreamIndex()
    {
        // Appends read the stream's last sequence under the log's lock; a scan of the stream's namespace would make
        // every append slower as the log grows.
        var plan = await PlanAsync("append_plan", EventLogSql.AppendAll, parameters =>
        {
            parameters.AddWithValue("namespaces", new[] { Bookings });
            parameters.AddWithValue("keys", new[] { "b1" });
            parameters.AddWithValue("hashes", new[] { 1 });
            parameters.AddWithValue("types", new[] { "noted" });
            parameters.Add(new NpgsqlParameter("payloads", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = new[] { "{}" } });
            parameters.AddWithValue("occurred", new[] { DateTimeOffset.UnixEpoch });
        });

        Assert.Contains(
            plan, static line => line.Contains("Index Only Scan Backward using event_log_stream_namespace_stream_key_sequence_key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadStreamAsync_AfterASequence_ReturnsThatStreamsLaterEventsInOrder()
    {
        await using var dataSource = await CreateLogAsync("reader_stream");
        await AppendAsync(dataSource, Append(Bookings, "b1", "{\"n\":1}"), Append(Bookings, "b2", "{\"n\":9}"), Append(Lots, "b1", "{\"n\":9}"));
        await AppendAsync(dataSource, Append(Bookings, "b1", "{\"n\":2}"), Append(Bookings, "b1", "{\"n\":3}"), Append(Bookings, "b1", "{\"n\":4}"));

        var events = await new EventLogReader(dataSource).ReadStreamAsync(Bookings, "b1", afterSequence: 1, limit: 2);

        Assert.Equal([2L, 3L], events.Select(static e => e.Sequence));
        Assert.Equal([2, 3], events.Select(static e => e.Payload.GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task LatestPositionAsync_EmptyLog_IsZero()
    {
        await using var dataSource = await CreateLogAsync("reader_latest_empty");

        Assert.Equal(0, await new EventLogReader(dataSource).LatestPositionAsync());
    }

    [Fact]
    public async Task LatestPositionAsync_AfterAppends_IsTheLastEventsPosition()
    {
        await using var dataSource = await CreateLogAsync("reader_latest");
        await AppendAsync(dataSource, Append(Bookings, "b1"), Append(Lots, "l1"));
        var reader = new EventLogReader(dataSource);

        var all = await reader.ReadAfterAsync(0, [Bookings, Lots], 10);

        Assert.Equal(all[^1].Position, await reader.LatestPositionAsync());
    }

    [Fact]
    public async Task ReadAfterAsync_AppendRolledBack_IsNeverReturned()
    {
        await using var dataSource = await CreateLogAsync("reader_rollback");
        await AppendAsync(dataSource, commit: false, Append(Bookings, "b1", "{\"n\":1}"));
        await AppendAsync(dataSource, Append(Bookings, "b1", "{\"n\":2}"));
        var reader = new EventLogReader(dataSource);

        var only = Assert.Single(await reader.ReadAfterAsync(0, [Bookings], 10));

        Assert.Equal(1, only.Sequence);
        Assert.Equal(2, only.Payload.GetProperty("n").GetInt32());
        Assert.Equal(only.Position, await reader.LatestPositionAsync());
    }

    [Fact]
    public async Task ReadAfterAsync_GrainStateWriteFailed_ItsEventIsNeverReturned()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("reader_failed_write");
        await using var cluster = await EventCluster.StartAsync(connection);
        var stream = Guid.NewGuid().ToString("N");
        var reader = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<EventLogReader>();

        await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<IEventSourceGrain>("refused").AppendThenFailAsync(stream));
        await cluster.Grains.GetGrain<IEventSourceGrain>("accepted").AppendAsync(stream, 1);

        var only = Assert.Single(await reader.ReadAfterAsync(0, [EventSinkGrain.Namespace], 10));
        Assert.Equal(1, only.Sequence);
        Assert.Equal(EventTypes.Noted, only.Type);
    }

    [Fact]
    public async Task As_PayloadOfTheType_DeserializesWithTheOptions()
    {
        await using var dataSource = await CreateLogAsync("reader_as");
        await AppendAsync(dataSource, Append(Bookings, "b1", """{"bookingId":"b1","nights":3}"""));

        var stored = Assert.Single(await new EventLogReader(dataSource).ReadAfterAsync(0, [Bookings], 10));

        Assert.Equal(new BookingPlaced("b1", 3), stored.As<BookingPlaced>(JsonSerializerOptions.Web));
        Assert.Equal(DateTimeOffset.UnixEpoch, stored.OccurredAt);
    }

    [Fact]
    public async Task AddEventLogReader_HostWithADataSource_ResolvesOneReader()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("reader_services");
        var services = new ServiceCollection().AddSingleton(_ => NpgsqlDataSource.Create(connection));

        services.AddEventLogReader().AddEventLogReader();

        await using var provider = services.BuildServiceProvider();
        Assert.Single(services, static s => s.ServiceType == typeof(EventLogReader));
        Assert.NotNull(provider.GetRequiredService<EventLogReader>());
    }

    /// <summary>
    /// The plan of <paramref name="sql"/> on an empty log. An empty table would be scanned whatever its indexes; without
    /// sequential scans the planner shows whether an index serves the statement at all.
    /// </summary>
    private static async Task<List<string>> PlanAsync(string prefix, string sql, Action<NpgsqlParameterCollection> parameters)
    {
        await using var dataSource = await CreateLogAsync(prefix);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        parameters(explain.Parameters);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }

    private static async Task<NpgsqlDataSource> CreateLogAsync(string prefix)
    {
        var connection = await TestPostgres.CreateDatabaseAsync(prefix);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 5 }.ConnectionString);
        await new MigrationRunner(dataSource, [EventLogSchema.Migrations], NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
        return dataSource;
    }

    private static ICommitEffect Append(string streamNamespace, string key, string payload = "{}") =>
        EventLog.Append(streamNamespace, key, EventTypes.Noted, payload, DateTimeOffset.UnixEpoch);

    private static Task AppendAsync(NpgsqlDataSource dataSource, params ICommitEffect[] effects) => AppendAsync(dataSource, commit: true, effects);

    private static async Task AppendAsync(NpgsqlDataSource dataSource, bool commit, params ICommitEffect[] effects)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var effect in effects)
        {
            effect.AddTo(batch);
        }

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
