namespace Vrps.Postgres.Storage;

/// <summary>How grain code hands the grain storage something that must commit with its next state write.</summary>
public static class CommitEffectGrainExtensions
{
    /// <summary>
    /// Stages <paramref name="effect"/> on this activation. The next <c>WriteStateAsync</c> or <c>ClearStateAsync</c> of
    /// any of its states on the Vrps grain storage takes it into the same transaction as that state; if that write
    /// fails, the effect is not stored either. The effect runs later, on the storage's commit loop: it must be an
    /// immutable snapshot, not a view of grain state.
    /// </summary>
    public static void StageCommitEffect(this IGrainBase grain, ICommitEffect effect)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(effect);
        var context = grain.GrainContext;
        var staged = context.GetComponent<StagedCommitEffects>();
        if (staged is null)
        {
            staged = new StagedCommitEffects();
            context.SetComponent(staged);
        }

        staged.Add(effect);
    }
}
