using Npgsql;
using Orleans.Runtime;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

/// <summary>Sets or moves a grain's deadline in the transaction it is added to.</summary>
/// <param name="Wake">The deadline falls due before an idle silo would look again, so the commit notifies the silos.</param>
internal sealed record SetDeadline(GrainId Grain, string Name, DateTimeOffset DueAt, bool Wake) : ICombinableCommitEffect
{
    public ICommitEffectCombiner Combiner => DeadlineChanges.Instance;

    public void AddTo(NpgsqlBatch batch) => DeadlineChanges.Instance.AddAll([this], batch);
}
