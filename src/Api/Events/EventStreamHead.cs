using Npgsql;

namespace Vrps.Api.Events;

/// <summary>The last sequence of a stream: where "from now" starts, for the feed and for a new webhook.</summary>
internal static class EventStreamHead
{
    // The stream's row carries its last sequence, updated in each appending transaction.
    private const string LastSequence =
        "SELECT coalesce((SELECT last_sequence FROM event_log_streams WHERE stream_namespace = @ns AND stream_key = @key), 0)";

    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, string streamNamespace, string streamKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LastSequence);
        command.Parameters.AddWithValue("ns", streamNamespace);
        command.Parameters.AddWithValue("key", streamKey);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
