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
    /// Appends a transaction's events, given as parallel arrays in staging order. Each stream advances once by its
    /// number of events, and its n-th event in staging order takes the n-th of the sequences that frees, so sequences
    /// stay gap-free and in order. Rows are inserted in staging order, which is the order their positions are drawn.
    /// </summary>
    public const string AppendAll = """
        WITH staged AS (
            SELECT e.stream_namespace, e.stream_key, e.stream_hash, e.type, e.payload, e.occurred_at, e.ordinal,
                   row_number() OVER (PARTITION BY e.stream_namespace, e.stream_key ORDER BY e.ordinal) AS nth,
                   count(*) OVER (PARTITION BY e.stream_namespace, e.stream_key) AS events
              FROM unnest(@namespaces, @keys, @hashes, @types, @payloads, @occurred) WITH ORDINALITY
                   AS e(stream_namespace, stream_key, stream_hash, type, payload, occurred_at, ordinal)),
        advanced AS (
            INSERT INTO event_log_streams AS s (stream_namespace, stream_key, last_sequence)
            SELECT stream_namespace, stream_key, count(*) FROM staged GROUP BY stream_namespace, stream_key
            ON CONFLICT (stream_namespace, stream_key) DO UPDATE SET last_sequence = s.last_sequence + excluded.last_sequence
            RETURNING stream_namespace, stream_key, last_sequence)
        INSERT INTO event_log (stream_namespace, stream_key, stream_hash, sequence, type, payload, occurred_at)
        SELECT e.stream_namespace, e.stream_key, e.stream_hash, a.last_sequence - e.events + e.nth, e.type, e.payload::json, e.occurred_at
          FROM staged e
          JOIN advanced a ON a.stream_namespace = e.stream_namespace AND a.stream_key = e.stream_key
         ORDER BY e.ordinal
        """;

    /// <summary>
    /// One queue's events within the next @scan positions of the whole log, in one statement so the window and its
    /// rows come from one snapshot. The first column, the window's last position, lets a queue whose streams are quiet
    /// move past the other queues' rows instead of rescanning them on every poll. A queue without a row in the window
    /// still gets one row, its event columns null.
    /// </summary>
    public const string ReadQueue = """
        WITH scanned AS MATERIALIZED (
            SELECT position, stream_namespace, stream_key, stream_hash, sequence, type, payload, occurred_at
            FROM event_log
            WHERE position > @after
            ORDER BY position
            LIMIT @scan),
        bound AS (SELECT max(position) AS scanned_to FROM scanned)
        SELECT bound.scanned_to, e.position, e.stream_namespace, e.stream_key, e.sequence, e.type, e.payload::text, e.occurred_at
        FROM bound LEFT JOIN scanned e ON e.stream_hash % @queues = @queue
        ORDER BY e.position
        """;

    public const string ReadCheckpoint = "SELECT position FROM event_log_checkpoints WHERE provider = @provider AND queue = @queue";

    public const string SaveCheckpoint = """
        INSERT INTO event_log_checkpoints (provider, queue, position) VALUES (@provider, @queue, @position)
        ON CONFLICT (provider, queue) DO UPDATE
        SET position = GREATEST(event_log_checkpoints.position, excluded.position), updated_at = now()
        """;
}
