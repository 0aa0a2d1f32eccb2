using Npgsql;

namespace Vrps.Postgres.Storage;

/// <summary>
/// How one transaction's effects become statements: effects that do not combine each add their own, in staging order,
/// as they always did; then each combinable kind adds its effects at once through its combiner, kinds in ascending
/// <see cref="ICommitEffectCombiner.Order"/> and, at equal order, in the order they first appeared.
/// </summary>
internal static class CombinedCommitEffects
{
    /// <param name="effects">The transaction's effects, in the order the writes were taken and, within a write, staged.</param>
    /// <param name="batch">The batch that runs in the transaction.</param>
    public static void AddTo(IEnumerable<ICommitEffect> effects, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(batch);
        List<(ICommitEffectCombiner Combiner, List<ICommitEffect> Effects)>? kinds = null;
        foreach (var effect in effects)
        {
            if (effect is not ICombinableCommitEffect combinable)
            {
                effect.AddTo(batch);
                continue;
            }

            kinds ??= [];
            KindOf(kinds, combinable.Combiner).Add(effect);
        }

        if (kinds is null)
        {
            return;
        }

        // OrderBy is stable, which keeps kinds of equal order in the order they first appeared.
        foreach (var (combiner, staged) in kinds.OrderBy(static k => k.Combiner.Order))
        {
            combiner.AddAll(staged, batch);
        }
    }

    // A transaction holds a handful of kinds: a list searched by reference is cheaper than a dictionary here.
    private static List<ICommitEffect> KindOf(List<(ICommitEffectCombiner Combiner, List<ICommitEffect> Effects)> kinds, ICommitEffectCombiner combiner)
    {
        foreach (var (known, effects) in kinds)
        {
            if (ReferenceEquals(known, combiner))
            {
                return effects;
            }
        }

        var added = new List<ICommitEffect>();
        kinds.Add((combiner, added));
        return added;
    }
}
