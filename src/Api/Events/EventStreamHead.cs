using Npgsql;
using Vrps.Runtime.Streams;

namespace Vrps.Api.Events;

/// <summary>The last sequence of a stream: where "from now" starts, for the feed and for a new webhook.</summary>
internal static class EventStreamHead
{
    // The (ns, key, seq) unique index answers this from its last entry.
    private const string LastSequence = "SELECT coalesce(max(seq), 0) FROM events WHERE ns = @ns AND key = @key";

    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, StreamId stream, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LastSequence);
        command.Parameters.AddWithValue("ns", stream.Namespace);
        command.Parameters.AddWithValue("key", stream.Key);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
