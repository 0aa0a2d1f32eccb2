using Npgsql;

namespace Vrps.Postgres.Storage;

/// <summary>Writes every effect of one kind in a transaction with as few statements as the kind allows.</summary>
internal interface ICommitEffectCombiner
{
    /// <summary>
    /// Where the kind's statements go among the other kinds' (ascending, after the effects that do not combine). A kind
    /// whose statements take a lock held until commit goes last, so the lock is held for as little as possible and a
    /// transaction holding it never waits for a row lock another transaction holds.
    /// </summary>
    int Order { get; }

    /// <summary>
    /// Adds statements writing <paramref name="effects"/> to <paramref name="batch"/>. The effects are all of this
    /// combiner's kind and come in the order the transaction's writes were taken and, within a write, staged: where
    /// two effects touch the same thing, the later one is the one that must hold after the commit.
    /// </summary>
    void AddAll(IReadOnlyList<ICommitEffect> effects, NpgsqlBatch batch);
}
