namespace Vrps.Postgres.Storage;

/// <summary>
/// One caller's write (or clear, when <see cref="Payload"/> is null) waiting for a group commit, with the effects its
/// activation staged before it. Its task completes with the new version once the transaction holding it committed.
/// An effects-only write (<see cref="EffectsOnly"/>) carries staged effects of a grain that has no state to write: it
/// touches no state row, and it rides the same queue so that it commits in order with that grain's state writes.
/// </summary>
/// <remarks>
/// A write may <see cref="TryFold"/> the writes of the same state made after it while both still wait: the
/// transaction then stores only the last payload, moves the version past all of them in one update, commits every
/// write's effects in the order they were made, and releases each caller with its own version — or fails them all.
/// </remarks>
internal sealed class StateWrite
{
    private readonly TaskCompletionSource<long> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<StateWrite>? folded;

    public StateWrite(StateKey key, long? expectedVersion, string? payload, IReadOnlyList<ICommitEffect> effects)
        : this(key, expectedVersion, payload, effects, writesState: true)
    {
    }

    private StateWrite(StateKey key, long? expectedVersion, string? payload, IReadOnlyList<ICommitEffect> effects, bool writesState)
    {
        Key = key;
        ExpectedVersion = expectedVersion;
        Payload = payload;
        Effects = effects;
        WritesState = writesState;
    }

    /// <summary>The state written; for an effects-only write, the grain's type and key with an empty state name.</summary>
    public StateKey Key { get; }

    /// <summary>The version the writer read; null when it read no row at all.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>The version this write stores (the writer's ETag from then on).</summary>
    public long Version => (ExpectedVersion ?? 0) + 1;

    public string? Payload { get; }

    public IReadOnlyList<ICommitEffect> Effects { get; }

    /// <summary>False for an effects-only write: no state row is read, written or checked for a conflict.</summary>
    public bool WritesState { get; }

    /// <summary>The grain the write belongs to, whichever of its states it writes.</summary>
    public (string GrainType, string GrainKey) Grain => (Key.GrainType, Key.GrainKey);

    /// <summary>What the write stores, for messages and logs.</summary>
    public string Subject => WritesState ? Key.ToString() : $"the staged effects of {Key.GrainType}/{Key.GrainKey}";

    public Task<long> Completion => completion.Task;

    /// <summary>How many callers' writes this one stands for (itself and those folded into it).</summary>
    public int Count => 1 + (folded?.Count ?? 0);

    /// <summary>The payload the row ends with: that of the last write folded in, or this write's own.</summary>
    public string? StoredPayload => folded is { Count: > 0 } ? folded[^1].Payload : Payload;

    /// <summary>The version the row ends with.</summary>
    public long StoredVersion => folded is { Count: > 0 } ? folded[^1].Version : Version;

    /// <summary>Every effect of this write and of the writes folded into it, in the order they were staged.</summary>
    public IEnumerable<ICommitEffect> AllEffects => folded is null ? Effects : Effects.Concat(folded.SelectMany(static w => w.Effects));

    public static StateWrite EffectsOnly(string grainType, string grainKey, IReadOnlyList<ICommitEffect> effects) =>
        new(new StateKey(grainType, grainKey, string.Empty), expectedVersion: null, payload: null, effects, writesState: false);

    /// <summary>
    /// Folds <paramref name="later"/> into this write when it is the next write of the same state by the same writer
    /// (it expects the version this one stores); otherwise leaves it for a later transaction.
    /// </summary>
    public bool TryFold(StateWrite later)
    {
        if (!WritesState || !later.WritesState || later.Key != Key || later.ExpectedVersion != StoredVersion)
        {
            return false;
        }

        (folded ??= []).Add(later);
        return true;
    }

    public void Committed()
    {
        completion.TrySetResult(Version);
        foreach (var write in folded ?? [])
        {
            write.Committed();
        }
    }

    public void Fail(Exception exception)
    {
        completion.TrySetException(exception);
        foreach (var write in folded ?? [])
        {
            write.Fail(exception);
        }
    }
}
