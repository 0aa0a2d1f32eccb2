namespace Vrps.Runtime.Storage;

internal static class StorageSql
{
    public const string ReadStates = """
        SELECT g.grain_type, g.grain_key, g.state_name, g.payload::text, g.version
          FROM grain_state AS g
          JOIN unnest(@types, @keys, @names) AS u(grain_type, grain_key, state_name)
            ON g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name
        """;

    public const string UpdateStates = """
        UPDATE grain_state AS g
           SET payload = convert_from(u.payload, 'UTF8')::jsonb, version = u.new_version, updated_at = @now
          FROM unnest(@types, @keys, @names, @expected, @new_versions, @payloads)
               AS u(grain_type, grain_key, state_name, expected, new_version, payload)
         WHERE g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name
           AND g.version = u.expected
        RETURNING g.grain_type, g.grain_key, g.state_name
        """;

    public const string InsertStates = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, payload, updated_at)
        SELECT u.grain_type, u.grain_key, u.state_name, u.new_version, convert_from(u.payload, 'UTF8')::jsonb, @now
          FROM unnest(@types, @keys, @names, @new_versions, @payloads) AS u(grain_type, grain_key, state_name, new_version, payload)
        ON CONFLICT DO NOTHING
        RETURNING grain_type, grain_key, state_name
        """;

    // Serialises outbox inserts across transactions so that position order is commit order: a reader that has
    // seen position P can never later find a smaller position committed.
    public const string LockOutbox = "SELECT pg_advisory_xact_lock(7355608001)";

    public const string AdvanceStreams = """
        INSERT INTO event_streams (ns, key, last_seq)
        SELECT * FROM unnest(@ns, @keys, @counts)
        ON CONFLICT (ns, key) DO UPDATE SET last_seq = event_streams.last_seq + excluded.last_seq
        RETURNING ns, key, last_seq
        """;

    public const string InsertEvents = """
        INSERT INTO events (ns, key, seq, type, payload, occurred_at)
        SELECT u.ns, u.key, u.seq, u.type, u.payload::jsonb, u.occurred_at
          FROM unnest(@ns, @keys, @seqs, @types, @payloads, @occurred) WITH ORDINALITY
               AS u(ns, key, seq, type, payload, occurred_at, ord)
         ORDER BY u.ord
        """;

    public const string UpsertReminders = """
        INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ms)
        SELECT * FROM unnest(@types, @keys, @names, @due, @periods)
        ON CONFLICT (grain_type, grain_key, name)
        DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms,
                      version = reminders.version + 1, lease_until = NULL
        """;

    public const string DeleteReminders = """
        DELETE FROM reminders r
         USING unnest(@types, @keys, @names) AS u(grain_type, grain_key, name)
         WHERE r.grain_type = u.grain_type AND r.grain_key = u.grain_key AND r.name = u.name
        """;

    public const string UpsertIndex = """
        INSERT INTO grain_index (kind, id, parent_id, tenant_id, name, created_at, deleted_at, data)
        SELECT u.kind, u.id, u.parent_id, u.tenant_id, u.name, u.created_at, u.deleted_at, u.data::jsonb
          FROM unnest(@kinds, @ids, @parents, @tenants, @names, @created, @deleted, @data)
               AS u(kind, id, parent_id, tenant_id, name, created_at, deleted_at, data)
        ON CONFLICT (kind, id) DO UPDATE
           SET parent_id = excluded.parent_id, tenant_id = excluded.tenant_id, name = excluded.name,
               deleted_at = excluded.deleted_at, data = excluded.data
        """;
}
