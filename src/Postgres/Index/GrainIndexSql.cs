namespace Vrps.Postgres.Index;

internal static class GrainIndexSql
{
    /// <summary>
    /// Grains' rows, new or replaced, given as parallel arrays with each (kind, id) once. created_at is not among the
    /// updated columns: a row keeps the place in lists it got on its first write, however often it changes later, so
    /// cursors handed out earlier stay valid.
    /// </summary>
    public const string UpsertAll = """
        INSERT INTO grain_index (kind, id, parent_id, tenant_id, name, created_at, deleted_at, data)
        SELECT r.kind, r.id, r.parent_id, r.tenant_id, r.name, r.created_at, r.deleted_at, r.data::json
          FROM unnest(@kinds, @ids, @parents, @tenants, @names, @created, @deleted, @data)
               AS r(kind, id, parent_id, tenant_id, name, created_at, deleted_at, data)
        ON CONFLICT (kind, id) DO UPDATE
           SET parent_id = excluded.parent_id, tenant_id = excluded.tenant_id, name = excluded.name,
               deleted_at = excluded.deleted_at, data = excluded.data
        """;

    /// <summary>
    /// One page: the optional filters are part of the query (a null parameter disables its filter), so a page is full
    /// whenever more matching rows exist. The keyset condition follows the parent and tenant indexes' order.
    /// </summary>
    public const string List = """
        SELECT data::text, created_at, id
          FROM grain_index
         WHERE kind = @kind
           AND (@parent::text IS NULL OR parent_id = @parent)
           AND (@tenant::text IS NULL OR tenant_id = @tenant)
           AND (@include_deleted OR deleted_at IS NULL)
           AND (@field::text IS NULL OR data ->> @field = @value)
           AND (@after_time::timestamptz IS NULL OR (created_at, id) > (@after_time, @after_id))
         ORDER BY created_at, id
         LIMIT @limit
        """;

    public const string ChildIds = """
        SELECT id FROM grain_index
         WHERE kind = @kind AND parent_id = @parent AND deleted_at IS NULL
         ORDER BY created_at, id
        """;

    public const string Find = "SELECT data::text FROM grain_index WHERE kind = @kind AND id = @id AND deleted_at IS NULL";

    public const string FindAll = "SELECT id, data::text FROM grain_index WHERE kind = @kind AND id = ANY(@ids) AND deleted_at IS NULL";

    /// <summary>Postgres filters the rows and trims each item to the named fields, so only what is asked for is sent.</summary>
    public const string Scan = """
        SELECT (SELECT json_object_agg(f, data -> f) FROM unnest(@fields) AS f)::text
          FROM grain_index
         WHERE kind = @kind AND parent_id = @parent AND deleted_at IS NULL AND data ->> @field = ANY(@values)
         ORDER BY created_at, id
        """;
}
