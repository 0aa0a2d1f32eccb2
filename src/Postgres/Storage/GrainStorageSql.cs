namespace Vrps.Postgres.Storage;

internal static class GrainStorageSql
{
    public const string Read = """
        SELECT g.grain_type, g.grain_key, g.state_name, g.version, g.payload::text
          FROM grain_storage AS g
          JOIN unnest(@types, @keys, @names) AS u(grain_type, grain_key, state_name)
            ON g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name
        """;

    // Each row changes only if it still holds the version its writer read; the rows returned are the writes that won.
    public const string Update = """
        UPDATE grain_storage AS g
           SET payload = u.payload::json, version = u.expected + 1, updated_at = @now
          FROM unnest(@types, @keys, @names, @expected, @payloads) AS u(grain_type, grain_key, state_name, expected, payload)
         WHERE g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name
           AND g.version = u.expected
        RETURNING g.grain_type, g.grain_key, g.state_name
        """;

    // A writer without an ETag believes no row exists; if one does (also a tombstone), nothing is inserted for it.
    public const string Insert = """
        INSERT INTO grain_storage (grain_type, grain_key, state_name, version, payload, updated_at)
        SELECT u.grain_type, u.grain_key, u.state_name, 1, u.payload::json, @now
          FROM unnest(@types, @keys, @names, @payloads) AS u(grain_type, grain_key, state_name, payload)
        ON CONFLICT DO NOTHING
        RETURNING grain_type, grain_key, state_name
        """;

    // Only for writes that lost: what they lost to, for the InconsistentStateException's stored ETag.
    public const string CurrentVersions = """
        SELECT g.grain_type, g.grain_key, g.state_name, g.version
          FROM grain_storage AS g
          JOIN unnest(@types, @keys, @names) AS u(grain_type, grain_key, state_name)
            ON g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name
        """;

    /// <summary>The SQLSTATE of <see cref="AllWritten"/>: a write of the batch lost, so the batch committed nothing.</summary>
    public const string LostWriteState = "VR409";

    /// <summary><see cref="Update"/>, stopping its batch with <see cref="LostWriteState"/> unless all @count rows were written.</summary>
    public static readonly string UpdateAll = AllWritten(Update);

    /// <summary><see cref="Insert"/>, stopping its batch with <see cref="LostWriteState"/> unless all @count rows were written.</summary>
    public static readonly string InsertAll = AllWritten(Insert);

    private static string AllWritten(string write) => $"""
        WITH written AS ({write})
        SELECT grain_storage_all_written(count(*), @count) FROM written
        """;
}
