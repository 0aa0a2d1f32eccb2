using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Events;
using Vrps.Postgres.Index;
using Vrps.Postgres.Migrations;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Events;
using Vrps.Postgres.Tests.Index;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>
/// A group commit's effects as the committer renders them: each combinable kind once for the whole transaction. The
/// batch is counted before it runs, then run in a transaction against a database holding every effect's tables.
/// </summary>
public sealed class CombinedCommitEffectsTests
{
    private const string Bookings = "booking";
    private const string Lots = "lot";
    private static readonly GrainId Alarm = GrainId.Create("alarm", "a1");

    [Fact]
    public async Task AddTo_ManyEventsAcrossStreams_TwoStatementsAndGapFreeSequencesInStagingOrder()
    {
        await using var dataSource = await CreateDatabaseAsync("combine_events");
        await RunAsync(dataSource, Append(Bookings, "b1", 0), Append(Bookings, "b1", 0));
        var streams = new[] { (Bookings, "b1"), (Bookings, "b2"), (Lots, "b1") };
        var staged = Enumerable.Range(1, 30).Select(i => Append(streams[i * 7 % 3].Item1, streams[i * 7 % 3].Item2, i)).ToArray();

        var statements = await RunAsync(dataSource, staged);

        Assert.Equal(2, statements);
        var events = await ReadEventsAfterAsync(dataSource, 2);
        Assert.Equal(Enumerable.Range(1, 30), events.Select(static e => e.N));
        foreach (var stream in streams)
        {
            var first = stream == (Bookings, "b1") ? 3 : 1;
            var sequences = events.Where(e => (e.Namespace, e.Key) == stream).Select(static e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(first, sequences.Count).Select(static s => (long)s), sequences);
        }
    }

    [Fact]
    public async Task AddTo_SameIndexRowTwice_LastStagedWinsAndCreatedAtKept()
    {
        await using var dataSource = await CreateDatabaseAsync("combine_index");
        await RunAsync(dataSource, Row("i1", minute: 1, status: "open"));

        var statements = await RunAsync(dataSource, Row("i1", minute: 5, status: "held"), Row("i2", minute: 5, status: "open"), Row("i1", minute: 6, status: "closed"));

        Assert.Equal(1, statements);
        await using var command = dataSource.CreateCommand("SELECT data ->> 'status', created_at FROM grain_index WHERE id = 'i1'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("closed", reader.GetString(0));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(1), reader.GetFieldValue<DateTimeOffset>(1));
    }

    [Fact]
    public async Task AddTo_DeadlineSetThenCancelled_NoDeadline()
    {
        await using var dataSource = await CreateDatabaseAsync("combine_set_cancel");

        await RunAsync(dataSource, new SetDeadline(Alarm, "hold", DateTimeOffset.UnixEpoch, Wake: true), new CancelDeadline(Alarm, "hold"));

        Assert.Empty(await ReadDeadlinesAsync(dataSource));
    }

    [Fact]
    public async Task AddTo_DeadlineCancelledThenSet_DeadlineSet()
    {
        await using var dataSource = await CreateDatabaseAsync("combine_cancel_set");
        await RunAsync(dataSource, new SetDeadline(Alarm, "hold", DateTimeOffset.UnixEpoch, Wake: false));
        var dueAt = DateTimeOffset.UnixEpoch.AddHours(1);

        await RunAsync(dataSource, new CancelDeadline(Alarm, "hold"), new SetDeadline(Alarm, "hold", dueAt, Wake: false));

        Assert.Equal([("hold", dueAt)], await ReadDeadlinesAsync(dataSource));
    }

    [Fact]
    public async Task AddTo_ClaimBurstOfEveryKind_OneStatementPerKind()
    {
        await using var dataSource = await CreateDatabaseAsync("combine_burst");
        var effects = new List<ICommitEffect>();
        for (var claim = 0; claim < 55; claim++)
        {
            effects.AddRange(Enumerable.Range(0, 5).Select(e => Append(Bookings, $"b{claim}", e)));
            effects.AddRange(Enumerable.Range(0, 3).Select(r => Row($"i{claim}-{r}", minute: claim, status: "held")));
            var grain = GrainId.Create("alarm", $"a{claim}");
            effects.Add(new SetDeadline(grain, "hold", DateTimeOffset.UnixEpoch, Wake: true));
            effects.Add(new CancelDeadline(grain, "sla"));
        }

        var statements = await RunAsync(dataSource, [.. effects]);

        // Index upsert, deadline upsert, deadline delete, one notification, then the log's lock and its append.
        Assert.Equal(6, statements);
    }

    [Fact]
    public void AddTo_EffectThatDoesNotCombine_AddsItsOwnStatementsBeforeTheCombinedKinds()
    {
        using var batch = new NpgsqlBatch();

        CombinedCommitEffects.AddTo([Append(Bookings, "b1", 1), new FailingEffect(), Append(Bookings, "b1", 2)], batch);

        Assert.Equal(["SELECT 1 / 0", EventLogSql.LockLog, EventLogSql.AppendAll], batch.BatchCommands.Select<NpgsqlBatchCommand, string>(static c => c.CommandText));
    }

    private static ICommitEffect Append(string streamNamespace, string key, int n) =>
        EventLog.Append(streamNamespace, key, EventTypes.Noted, $$"""{"n":{{n}}}""", DateTimeOffset.UnixEpoch);

    private static ICommitEffect Row(string id, int minute, string status) =>
        GrainIndexRows.Upsert(IndexDatabase.Entry(id, minute, status: status), JsonSerializerOptions.Web);

    private static async Task<NpgsqlDataSource> CreateDatabaseAsync(string prefix)
    {
        var connection = await TestPostgres.CreateDatabaseAsync(prefix);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 5 }.ConnectionString);
        await new MigrationRunner(
                dataSource,
                [EventLogSchema.Migrations, GrainIndexSchema.Migrations, DeadlineSchema.Migrations],
                NullLogger<MigrationRunner>.Instance)
            .RunAsync(CancellationToken.None);
        return dataSource;
    }

    /// <summary>The effects rendered as the committer renders them, run in one committed transaction; returns the statement count.</summary>
    private static async Task<int> RunAsync(NpgsqlDataSource dataSource, params ICommitEffect[] effects)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        CombinedCommitEffects.AddTo(effects, batch);
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return batch.BatchCommands.Count;
    }

    private static async Task<List<(string Namespace, string Key, long Sequence, int N)>> ReadEventsAfterAsync(NpgsqlDataSource dataSource, long position)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT stream_namespace, stream_key, sequence, (payload ->> 'n')::int FROM event_log WHERE position > @after ORDER BY position");
        command.Parameters.AddWithValue("after", position);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(string, string, long, int)>();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
        }

        return events;
    }

    private static async Task<List<(string Name, DateTimeOffset DueAt)>> ReadDeadlinesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT name, due_at FROM grain_deadlines ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync();
        var deadlines = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            deadlines.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return deadlines;
    }
}
