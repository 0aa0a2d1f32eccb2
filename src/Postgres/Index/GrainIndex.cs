using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Vrps.Postgres.Index;

/// <summary>
/// Reads the grain index: keyset-paged lists by parent or tenant, without activating a grain. Rows are written in their
/// grain's state transaction, so a list read after a write has returned includes it. Cursors are those the old runtime
/// handed out, so clients holding one go on paging across the move.
/// </summary>
public sealed class GrainIndex(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// A page of the kind's rows under <paramref name="parentId"/> and/or <paramref name="tenantId"/> (null: any),
    /// keeping only rows whose top-level item field equals <paramref name="match"/>'s value when given. The match is
    /// part of the query, so a page is full whenever more matching rows exist.
    /// </summary>
    /// <param name="limit">Clamped to 1 … <see cref="MaxPageSize"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="cursor"/> is not one this index returned.</exception>
    public async Task<GrainIndexPage> ListAsync(
        string kind, string? parentId, string? tenantId, string? cursor, int limit, bool includeDeleted = false,
        (string Field, string Value)? match = null, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var command = ListCommand(kind, parentId, tenantId, cursor, limit, includeDeleted, match);
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

            items.Add(Parse(reader.GetString(0)));
            last = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2));
        }

        return new GrainIndexPage(items, more ? EncodeCursor(last.Time, last.Id!) : null);
    }

    /// <summary>The page's query with its parameters: one row more than the page, whose presence says whether a next page exists.</summary>
    internal NpgsqlCommand ListCommand(
        string kind, string? parentId, string? tenantId, string? cursor, int limit, bool includeDeleted, (string Field, string Value)? match)
    {
        var (afterTime, afterId) = DecodeCursor(cursor);
        var command = dataSource.CreateCommand(GrainIndexSql.List);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.Add(Nullable("parent", NpgsqlDbType.Text, parentId));
        command.Parameters.Add(Nullable("tenant", NpgsqlDbType.Text, tenantId));
        command.Parameters.AddWithValue("include_deleted", includeDeleted);
        command.Parameters.Add(Nullable("field", NpgsqlDbType.Text, match?.Field));
        command.Parameters.Add(Nullable("value", NpgsqlDbType.Text, match?.Value));
        command.Parameters.Add(Nullable("after_time", NpgsqlDbType.TimestampTz, afterTime));
        command.Parameters.AddWithValue("after_id", afterId ?? string.Empty);
        command.Parameters.AddWithValue("limit", limit + 1);
        return command;
    }

    /// <summary>Ids of the kind's rows under a parent, deleted ones excluded (for cascades).</summary>
    public async Task<IReadOnlyList<string>> ChildIdsAsync(string kind, string parentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(GrainIndexSql.ChildIds);
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
        await using var command = dataSource.CreateCommand(GrainIndexSql.Find);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string data ? Parse(data) : null;
    }

    /// <summary>The items of those of <paramref name="ids"/>' rows that exist and are not deleted, by id, in one read.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> FindAllAsync(string kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var command = dataSource.CreateCommand(GrainIndexSql.FindAll);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var items = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items[reader.GetString(0)] = Parse(reader.GetString(1));
        }

        return items;
    }

    /// <summary>
    /// The live rows of a kind under a parent whose top-level <paramref name="field"/> is one of
    /// <paramref name="values"/>, each with only the named <paramref name="fields"/>, in one read (for rebuilding
    /// in-memory indexes on activation): Postgres filters and trims, so a long history ships and parses only what is live.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> ScanAsync(
        string kind, string parentId, string field, IReadOnlyList<string> values, IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fields);
        await using var command = dataSource.CreateCommand(GrainIndexSql.Scan);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("parent", parentId);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("values", values.ToArray());
        command.Parameters.AddWithValue("fields", fields.ToArray());
        var items = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Parse(reader.GetString(0)));
        }

        return items;
    }

    /// <summary>Whether <see cref="ListAsync"/> would accept <paramref name="cursor"/>: for endpoints to answer 400 up front.</summary>
    public static bool IsValidCursor(string? cursor) => cursor is null || TryDecode(cursor, out _);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

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

    // The cursor is the last row's (created_at ticks, id), base64url without padding: opaque to clients, and the same
    // bytes the old runtime produced.
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
