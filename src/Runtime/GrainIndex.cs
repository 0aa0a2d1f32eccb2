using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Vrps.Runtime;

/// <summary>Reads the grain index: keyset-paged lists by parent or tenant, newest writes included.</summary>
public sealed class GrainIndex(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 200;

    private const string Query = """
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

    /// <summary>
    /// A page of the kind's rows under <paramref name="parentId"/> and/or <paramref name="tenantId"/> (null: any),
    /// keeping only rows whose top-level item field equals <paramref name="match"/>'s value when given. The match is
    /// part of the query, so a page is full whenever more matching rows exist.
    /// </summary>
    public async Task<GrainIndexPage> ListAsync(
        string kind, string? parentId, string? tenantId, string? cursor, int limit, bool includeDeleted = false,
        (string Field, string Value)? match = null, CancellationToken cancellationToken = default)
    {
        var (afterTime, afterId) = DecodeCursor(cursor);
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var command = dataSource.CreateCommand(Query);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.Add(new NpgsqlParameter("parent", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)parentId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)tenantId ?? DBNull.Value });
        command.Parameters.AddWithValue("include_deleted", includeDeleted);
        command.Parameters.Add(new NpgsqlParameter("field", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)match?.Field ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("value", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)match?.Value ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after_time", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)afterTime ?? DBNull.Value });
        command.Parameters.AddWithValue("after_id", afterId ?? "");
        command.Parameters.AddWithValue("limit", limit + 1);

        var items = new List<JsonElement>();
        (DateTimeOffset Time, string? Id) last = default;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            using var document = JsonDocument.Parse(reader.GetString(0));
            items.Add(document.RootElement.Clone());
            last = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2));
        }

        return new GrainIndexPage(items, more ? EncodeCursor(last.Time, last.Id!) : null);
    }

    /// <summary>Ids of the kind's rows under a parent, deleted ones excluded (for cascades).</summary>
    public async Task<IReadOnlyList<string>> ChildIdsAsync(string kind, string parentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM grain_index WHERE kind = @kind AND parent_id = @parent AND deleted_at IS NULL ORDER BY created_at, id");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("parent", parentId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>One row's item, or null when absent or deleted (e.g. a claim code that was rotated away).</summary>
    public async Task<JsonElement?> FindAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data::text FROM grain_index WHERE kind = @kind AND id = @id AND deleted_at IS NULL");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("id", id);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string data)
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The live rows of a kind under a parent whose top-level <paramref name="field"/> is one of
    /// <paramref name="values"/>, each with only the named <paramref name="fields"/>, in one read (for rebuilding
    /// in-memory indexes on activation): Postgres filters and trims, so a long history ships and parses only what is live.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> ScanAsync(
        string kind, string parentId, string field, IReadOnlyList<string> values, IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT jsonb_object_agg(f, data -> f) FROM unnest(@fields) AS f)::text
              FROM grain_index
             WHERE kind = @kind AND parent_id = @parent AND deleted_at IS NULL AND data ->> @field = ANY(@values)
             ORDER BY created_at, id
            """);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("parent", parentId);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("values", values.ToArray());
        command.Parameters.AddWithValue("fields", fields.ToArray());
        return await ReadJsonRowsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<JsonElement>> ReadJsonRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            items.Add(document.RootElement.Clone());
        }

        return items;
    }

    public static bool IsValidCursor(string? cursor) => cursor is null || TryDecode(cursor, out _);

    private static (DateTimeOffset?, string?) DecodeCursor(string? cursor)
    {
        if (cursor is null)
        {
            return (null, null);
        }

        if (!TryDecode(cursor, out var decoded))
        {
            throw new ArgumentException("The cursor is not one this API returned.", nameof(cursor));
        }

        return decoded;
    }

    private static bool TryDecode(string cursor, out (DateTimeOffset?, string?) decoded)
    {
        decoded = default;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            if (separator <= 0 || !long.TryParse(text[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            decoded = (new DateTimeOffset(ticks, TimeSpan.Zero), text[(separator + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string EncodeCursor(DateTimeOffset time, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{time.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
