namespace Vrps.Postgres.Events;

internal static class EventLogReaderSql
{
    private const string Columns = "position, stream_namespace, stream_key, sequence, type, payload::text, occurred_at";

    /// <summary>
    /// Appends hold the log's lock until they commit, so positions become visible in order: a reader resuming after the
    /// last position it saw never misses one that commits later. Served by event_log_namespace_position.
    /// </summary>
    public const string ReadAfter = $"""
        SELECT {Columns}
          FROM event_log
         WHERE stream_namespace = ANY(@namespaces) AND position > @after
         ORDER BY position
         LIMIT @limit
        """;

    public const string ReadStream = $"""
        SELECT {Columns}
          FROM event_log
         WHERE stream_namespace = @namespace AND stream_key = @key AND sequence > @after
         ORDER BY sequence
         LIMIT @limit
        """;

    public const string LatestPosition = "SELECT COALESCE(max(position), 0) FROM event_log";
}
