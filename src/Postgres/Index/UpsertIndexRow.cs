using Npgsql;
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
    string DataJson) : ICombinableCommitEffect
{
    public ICommitEffectCombiner Combiner => IndexRowUpserts.Instance;

    public void AddTo(NpgsqlBatch batch) => IndexRowUpserts.Instance.AddAll([this], batch);
}
