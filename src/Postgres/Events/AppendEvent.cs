using Npgsql;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Events;

/// <summary>Appends one event to its stream in the transaction it is added to, taking the stream's next sequence.</summary>
internal sealed record AppendEvent(string StreamNamespace, string StreamKey, string Type, string PayloadJson, DateTimeOffset OccurredAt)
    : ICombinableCommitEffect
{
    public ICommitEffectCombiner Combiner => EventAppends.Instance;

    public void AddTo(NpgsqlBatch batch) => EventAppends.Instance.AddAll([this], batch);
}
