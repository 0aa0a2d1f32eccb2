using Npgsql;
using NpgsqlTypes;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Index;

/// <summary>Upserts one grain index row in the transaction it is added to; the item is JSON already, fixed at staging.</summary>
internal sealed record UpsertIndexRow(
    string Kind,
    string Id,
    string? ParentId,
    string? TenantId,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt,
    string DataJson) : ICommitEffect
{
    public void AddTo(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var upsert = new NpgsqlBatchCommand(GrainIndexSql.Upsert);
        upsert.Parameters.AddWithValue("kind", Kind);
        upsert.Parameters.AddWithValue("id", Id);
        upsert.Parameters.Add(Text("parent", ParentId));
        upsert.Parameters.Add(Text("tenant", TenantId));
        upsert.Parameters.Add(Text("name", Name));
        upsert.Parameters.AddWithValue("created", CreatedAt.ToUniversalTime());
        upsert.Parameters.Add(new NpgsqlParameter("deleted", NpgsqlDbType.TimestampTz) { Value = (object?)DeletedAt?.ToUniversalTime() ?? DBNull.Value });
        upsert.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, DataJson);
        batch.BatchCommands.Add(upsert);
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
