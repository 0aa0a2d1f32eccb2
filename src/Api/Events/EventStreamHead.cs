using Npgsql;

namespace Vrps.Api.Events;

/// <summary>The last sequence of a stream: where "from now" starts, for the feed and for a new webhook.</summary>
internal static class EventStreamHead
{
    // The log's (stream, sequence) index answers with one backward step.
    private const string LastSequence =
        "SELECT coalesce(max(sequence), 0) FROM event_log WHERE stream_namespace = @ns AND stream_key = @key";

    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, string streamNamespace, string streamKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LastSequence);
        command.Parameters.AddWithValue("ns", streamNamespace);
        command.Parameters.AddWithValue("key", streamKey);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
