namespace Vrps.Postgres.Deadlines;

internal static class DeadlineSql
{
    /// <summary>The channel a commit notifies when it set a deadline due sooner than an idle silo would look again.</summary>
    public const string WakeChannel = "vrps_deadlines";

    // Setting again moves the deadline and makes it a new one: a new version (so a fire of the old one in flight cannot
    // delete it) and no lease (so it fires at its new time even if the old one is being fired right now). The arrays
    // hold each deadline once.
    public const string SetAll = """
        INSERT INTO grain_deadlines (grain_type, grain_key, name, due_at)
        SELECT * FROM unnest(@types, @keys, @names, @due)
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE
           SET due_at = EXCLUDED.due_at, version = nextval('grain_deadline_versions'), lease_until = NULL
        """;

    public const string CancelAll = """
        DELETE FROM grain_deadlines d
         USING unnest(@types, @keys, @names) AS u(grain_type, grain_key, name)
         WHERE d.grain_type = u.grain_type AND d.grain_key = u.grain_key AND d.name = u.name
        """;

    // Notifications with the same payload in one transaction collapse into one, so a group commit wakes each silo once.
    public const string Wake = $"SELECT pg_notify('{WakeChannel}', '')";

    public const string Listen = $"LISTEN {WakeChannel}";

    // Only due rows are touched: the due_at index bounds the scan, SKIP LOCKED lets several silos claim side by side,
    // and the lease makes a claim that died with its silo come back once it lapses. Due times follow the silo's
    // TimeProvider (business time); leases follow the database's wall clock, because a lease measures whether a silo is
    // still alive, and a clock that jumps (a test clock, a corrected host clock) must not hand a fire in flight to a
    // second claimer.
    public const string Claim = """
        WITH due AS (
            SELECT grain_type, grain_key, name
              FROM grain_deadlines
             WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= clock_timestamp())
             ORDER BY due_at
             LIMIT @limit
               FOR UPDATE SKIP LOCKED)
        UPDATE grain_deadlines d
           SET lease_until = clock_timestamp() + @lease
          FROM due
         WHERE d.grain_type = due.grain_type AND d.grain_key = due.grain_key AND d.name = due.name
        RETURNING d.grain_type, d.grain_key, d.name, d.due_at, d.version
        """;

    // The earliest row not yet due; leased rows due already are found again by the next claim once their lease lapses,
    // which the poll interval bounds.
    public const string NextDue = "SELECT due_at FROM grain_deadlines WHERE due_at > @now ORDER BY due_at LIMIT 1";

    // A completion applies only to the deadline that fired: if the grain set it again meanwhile, its version moved on.
    public const string DeleteFired = """
        DELETE FROM grain_deadlines d
         USING unnest(@types, @keys, @names, @versions) AS u(grain_type, grain_key, name, version)
         WHERE d.grain_type = u.grain_type AND d.grain_key = u.grain_key AND d.name = u.name AND d.version = u.version
        """;

    // A failed fire keeps its due time; its lease becomes the retry delay, after which any silo may claim it again.
    public const string Retry = """
        UPDATE grain_deadlines d
           SET lease_until = clock_timestamp() + @retry_after
          FROM unnest(@types, @keys, @names, @versions) AS u(grain_type, grain_key, name, version)
         WHERE d.grain_type = u.grain_type AND d.grain_key = u.grain_key AND d.name = u.name AND d.version = u.version
        """;
}
