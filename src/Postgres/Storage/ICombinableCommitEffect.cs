namespace Vrps.Postgres.Storage;

/// <summary>
/// An effect that one set-based statement can write together with the other effects of its kind in the transaction. A
/// group commit carries hundreds of small effects; rendering each kind once instead of once per effect is what keeps
/// the database's work per transaction flat as the batch grows. <see cref="ICommitEffect.AddTo"/> still writes the
/// effect alone, for callers that commit one effect outside the grain storage.
/// </summary>
internal interface ICombinableCommitEffect : ICommitEffect
{
    /// <summary>The combiner of this effect's kind; effects of one kind return the same instance.</summary>
    ICommitEffectCombiner Combiner { get; }
}
