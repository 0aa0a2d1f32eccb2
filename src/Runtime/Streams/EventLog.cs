using System.Text.Json;
using Npgsql;

namespace Vrps.Runtime.Streams;

/// <summary>Reads the committed event log in position order; the API's event feed reads through it too.</summary>
public sealed class EventLog(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<StreamEvent>> ReadAfterAsync(
        long position, IReadOnlyCollection<string> namespaces, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(EventSql.ReadAfter);
        command.Parameters.AddWithValue("after", position);
        command.Parameters.AddWithValue("ns", namespaces.ToArray());
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<StreamEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var payload = JsonDocument.Parse(reader.GetString(5));
            events.Add(new StreamEvent(
                reader.GetInt64(0),
                new StreamId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt64(3),
                reader.GetString(4),
                payload.RootElement.Clone(),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return events;
    }

    /// <summary>One stream's events after sequence number <paramref name="afterSequence"/>, in order.</summary>
    public async Task<IReadOnlyList<StreamEvent>> ReadStreamAsync(
        StreamId stream, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(EventSql.ReadStream);
        command.Parameters.AddWithValue("ns", stream.Namespace);
        command.Parameters.AddWithValue("key", stream.Key);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ReadCheckpointAsync(string consumer, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(EventSql.ReadCheckpoint);
        command.Parameters.AddWithValue("consumer", consumer);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
    }

    public async Task SaveCheckpointAsync(string consumer, long position, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(EventSql.SaveCheckpoint);
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("position", position);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
