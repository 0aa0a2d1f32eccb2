namespace Vrps.Runtime.Streams;

internal static class EventSql
{
    public const string ReadAfter = """
        SELECT position, ns, key, seq, type, payload::text, occurred_at
          FROM events
         WHERE position > @after AND ns = ANY(@ns)
         ORDER BY position
         LIMIT @limit
        """;

    public const string ReadStream = """
        SELECT position, ns, key, seq, type, payload::text, occurred_at
          FROM events
         WHERE ns = @ns AND key = @key AND seq > @after
         ORDER BY seq
         LIMIT @limit
        """;

    public const string ReadCheckpoint = "SELECT position FROM event_checkpoints WHERE consumer = @consumer";

    public const string SaveCheckpoint = """
        INSERT INTO event_checkpoints (consumer, position, updated_at) VALUES (@consumer, @position, @now)
        ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        """;
}
