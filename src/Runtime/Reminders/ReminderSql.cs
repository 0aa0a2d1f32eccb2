namespace Vrps.Runtime.Reminders;

internal static class ReminderSql
{
    // Only due rows are touched: the due_at index bounds the scan, SKIP LOCKED lets several silos claim side by side,
    // and the lease makes a claim that died with its silo come back once it lapses. Due times follow the silo's
    // TimeProvider (business time); leases follow the database's wall clock, because a lease measures whether a silo is
    // still alive, and a clock that jumps (a test clock, a corrected host clock) must not hand a fire in flight to a
    // second claimer.
    public const string Claim = """
        WITH due AS (
            SELECT grain_type, grain_key, name
              FROM reminders
             WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= clock_timestamp())
             ORDER BY due_at
             LIMIT @limit
               FOR UPDATE SKIP LOCKED)
        UPDATE reminders r
           SET lease_until = clock_timestamp() + @lease
          FROM due
         WHERE r.grain_type = due.grain_type AND r.grain_key = due.grain_key AND r.name = due.name
        RETURNING r.grain_type, r.grain_key, r.name, r.due_at, r.period_ms, r.version
        """;

    public const string NextDue = "SELECT due_at FROM reminders WHERE due_at > @now ORDER BY due_at LIMIT 1";

    // A completion applies only to the registration that fired: if the grain re-registered meanwhile, version moved on.
    public const string DeleteFired = """
        DELETE FROM reminders r
         USING unnest(@types, @keys, @names, @versions) AS u(grain_type, grain_key, name, version)
         WHERE r.grain_type = u.grain_type AND r.grain_key = u.grain_key AND r.name = u.name AND r.version = u.version
        """;

    public const string Reschedule = """
        UPDATE reminders r
           SET due_at = u.due_at, lease_until = NULL
          FROM unnest(@types, @keys, @names, @versions, @due) AS u(grain_type, grain_key, name, version, due_at)
         WHERE r.grain_type = u.grain_type AND r.grain_key = u.grain_key AND r.name = u.name AND r.version = u.version
        """;

    public const string Retry = """
        UPDATE reminders r
           SET lease_until = clock_timestamp() + @retry_after
          FROM unnest(@types, @keys, @names, @versions) AS u(grain_type, grain_key, name, version)
         WHERE r.grain_type = u.grain_type AND r.grain_key = u.grain_key AND r.name = u.name AND r.version = u.version
        """;
}
