using System.Text.Json;
using Npgsql;

namespace Vrps.Postgres.Events;

/// <summary>
/// Reads the event log for code that is not a grain: the API's event feed and webhook delivery, which follow the log
/// by position and keep their own place in it. Grains get events through the stream provider instead.
/// </summary>
public sealed class EventLogReader(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="position"/> whose stream is in one of
    /// <paramref name="namespaces"/>, in position order. Resuming after the last position read never skips an event:
    /// a position is visible only once every lower one has committed.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(
        long position, IReadOnlyCollection<string> namespaces, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (namespaces.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(EventLogReaderSql.ReadAfter);
        command.Parameters.AddWithValue("namespaces", namespaces.ToArray());
        command.Parameters.AddWithValue("after", position);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, ct).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="limit"/> events of one stream after its sequence <paramref name="afterSequence"/>, in stream order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        string streamNamespace, string streamKey, long afterSequence, int limit, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentException.ThrowIfNullOrEmpty(streamKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(EventLogReaderSql.ReadStream);
        command.Parameters.AddWithValue("namespace", streamNamespace);
        command.Parameters.AddWithValue("key", streamKey);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The position of the last event committed, 0 when the log is empty: where a new feed starts when it wants only
    /// what happens from now on.
    /// </summary>
    public async Task<long> LatestPositionAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(EventLogReaderSql.LatestPosition);
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            using var payload = JsonDocument.Parse(reader.GetString(5));
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4),
                payload.RootElement.Clone(),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return events;
    }
}
