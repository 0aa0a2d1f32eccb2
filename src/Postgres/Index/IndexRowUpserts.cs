using Npgsql;
using NpgsqlTypes;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Index;

/// <summary>
/// A transaction's index rows as one upsert. A statement may change a row only once, so where a transaction stages
/// the same row more than once (two grains' writes, or one grain writing twice) the last staged is the one written,
/// as it would be had each been written in turn.
/// </summary>
internal sealed class IndexRowUpserts : ICommitEffectCombiner
{
    public static readonly IndexRowUpserts Instance = new();

    private IndexRowUpserts()
    {
    }

    public int Order => 0;

    public void AddAll(IReadOnlyList<ICommitEffect> effects, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(batch);
        if (effects.Count == 0)
        {
            return;
        }

        var last = new Dictionary<(string Kind, string Id), UpsertIndexRow>(effects.Count);
        foreach (var effect in effects)
        {
            var row = (UpsertIndexRow)effect;
            last[(row.Kind, row.Id)] = row;
        }

        // Rows locked in key order: two transactions upserting overlapping rows wait for each other, never deadlock.
        var rows = last.Values.OrderBy(static r => r.Kind, StringComparer.Ordinal).ThenBy(static r => r.Id, StringComparer.Ordinal).ToList();
        var upsert = new NpgsqlBatchCommand(GrainIndexSql.UpsertAll);
        upsert.Parameters.AddWithValue("kinds", rows.Select(static r => r.Kind).ToArray());
        upsert.Parameters.AddWithValue("ids", rows.Select(static r => r.Id).ToArray());
        upsert.Parameters.Add(Texts("parents", rows.Select(static r => r.ParentId)));
        upsert.Parameters.Add(Texts("tenants", rows.Select(static r => r.TenantId)));
        upsert.Parameters.Add(Texts("names", rows.Select(static r => r.Name)));
        upsert.Parameters.AddWithValue("created", rows.Select(static r => r.CreatedAt.ToUniversalTime()).ToArray());
        upsert.Parameters.Add(new NpgsqlParameter("deleted", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = rows.Select(static r => r.DeletedAt?.ToUniversalTime()).ToArray(),
        });
        upsert.Parameters.Add(Texts("data", rows.Select(static r => r.DataJson)));
        batch.BatchCommands.Add(upsert);
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
