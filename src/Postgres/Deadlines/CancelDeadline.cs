using Npgsql;
using Orleans.Runtime;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

/// <summary>Cancels a grain's deadline in the transaction it is added to.</summary>
internal sealed record CancelDeadline(GrainId Grain, string Name) : ICombinableCommitEffect
{
    public ICommitEffectCombiner Combiner => DeadlineChanges.Instance;

    public void AddTo(NpgsqlBatch batch) => DeadlineChanges.Instance.AddAll([this], batch);
}
