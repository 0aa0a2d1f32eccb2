namespace Vrps.Postgres.Events;

internal static class EventLogSql
{
    /// <summary>
    /// Serialises appends from the moment they draw a position until they commit (the lock is released only after the
    /// commit is visible), so positions become visible in order and a reader reading past position p never later
    /// finds a lower one. Its key is apart from the migration runner's, so appends never wait on a migration.
    /// </summary>
    public const string LockLog = "SELECT pg_advisory_xact_lock(7355608010)";

    /// <summary>
    /// Appends a transaction's events, given as parallel arrays in staging order. A stream's n-th event in staging order
    /// takes the n-th sequence after the stream's last one, so sequences stay gap-free and in order. The last sequence is
    /// read from the log's (stream, sequence) index: the statement runs under the log's lock (<see cref="LockLog"/>,
    /// taken just before it in the same transaction), so no other append can take the same sequence meanwhile, and its
    /// snapshot, taken after the lock was granted, sees every earlier append. Rows are inserted in staging order, which
    /// is the order their positions are drawn.
    /// </summary>
    public const string AppendAll = """
        WITH staged AS (
            SELECT e.stream_namespace, e.stream_key, e.stream_hash, e.type, e.payload, e.occurred_at, e.ordinal,
                   row_number() OVER (PARTITION BY e.stream_namespace, e.stream_key ORDER BY e.ordinal) AS nth
              FROM unnest(@namespaces, @keys, @hashes, @types, @payloads, @occurred) WITH ORDINALITY
                   AS e(stream_namespace, stream_key, stream_hash, type, payload, occurred_at, ordinal)),
        heads AS (
            SELECT s.stream_namespace, s.stream_key,
                   coalesce((SELECT max(l.sequence) FROM event_log l
                              WHERE l.stream_namespace = s.stream_namespace AND l.stream_key = s.stream_key), 0) AS last_sequence
              FROM (SELECT DISTINCT stream_namespace, stream_key FROM staged) s)
        INSERT INTO event_log (stream_namespace, stream_key, stream_hash, sequence, type, payload, occurred_at)
        SELECT e.stream_namespace, e.stream_key, e.stream_hash, h.last_sequence + e.nth, e.type, e.payload::json, e.occurred_at
          FROM staged e
          JOIN heads h ON h.stream_namespace = e.stream_namespace AND h.stream_key = e.stream_key
         ORDER BY e.ordinal
        """;

    /// <summary>
    /// One queue's next events after @after, in position order, and the highest position the same snapshot sees. A queue
    /// is the streams whose hash modulo the queue count is its number; the count is written into the statement (it is
    /// a validated integer), so that with the default count the read seeks <c>event_log_queue_8</c> to its own rows
    /// instead of scanning every queue's. Positions commit in order (the append lock), so when fewer than @limit rows
    /// come back the queue has nothing else up to that highest position, and a quiet queue moves past the others' rows.
    /// A read that finds no row of its own still gets one row, its event columns null.
    /// </summary>
    public static string ReadQueue(int queueCount) => $"""
        WITH bound AS (SELECT max(position) AS visible_to FROM event_log),
        queued AS (
            SELECT position, stream_namespace, stream_key, sequence, type, payload, occurred_at
            FROM event_log
            WHERE stream_hash % {queueCount} = @queue AND position > @after
            ORDER BY position
            LIMIT @limit)
        SELECT bound.visible_to, e.position, e.stream_namespace, e.stream_key, e.sequence, e.type, e.payload::text, e.occurred_at
        FROM bound LEFT JOIN queued e ON true
        ORDER BY e.position
        """;

    public const string ReadCheckpoint = "SELECT position FROM event_log_checkpoints WHERE provider = @provider AND queue = @queue";

    public const string SaveCheckpoint = """
        INSERT INTO event_log_checkpoints (provider, queue, position) VALUES (@provider, @queue, @position)
        ON CONFLICT (provider, queue) DO UPDATE
        SET position = GREATEST(event_log_checkpoints.position, excluded.position), updated_at = now()
        """;
}
