namespace Vrps.Postgres.Storage;

/// <summary>
/// The effects one activation staged since its last state write. It lives on the activation's grain context, so it
/// dies with the activation: effects staged without a following write are dropped with it and can never ride along
/// with another grain's write. Touched only from the activation's own turns (staging, and the storage provider's
/// write call, which Orleans 10 makes in a turn of its own on the activation's scheduler, after the write before it
/// completed), so it needs no lock.
/// </summary>
internal sealed class StagedCommitEffects
{
    private List<ICommitEffect>? effects;

    public void Add(ICommitEffect effect) => (effects ??= []).Add(effect);

    /// <summary>Hands every staged effect to the write being queued; the buffer is empty afterwards.</summary>
    public IReadOnlyList<ICommitEffect> Drain()
    {
        var drained = effects;
        effects = null;
        return drained ?? (IReadOnlyList<ICommitEffect>)[];
    }
}
