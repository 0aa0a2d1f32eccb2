namespace Vrps.Postgres.Storage;

/// <summary>
/// One caller's write (or clear, when <see cref="Payload"/> is null) waiting for a group commit, with the effects its
/// activation staged before it. Its task completes with the new version once the transaction holding it committed.
/// An effects-only write (<see cref="EffectsOnly"/>) carries staged effects of a grain that has no state to write: it
/// touches no state row, and it rides the same queue so that it commits in order with that grain's state writes.
/// </summary>
internal sealed class StateWrite
{
    private readonly TaskCompletionSource<long> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    public string? Payload { get; }

    public IReadOnlyList<ICommitEffect> Effects { get; }

    /// <summary>False for an effects-only write: no state row is read, written or checked for a conflict.</summary>
    public bool WritesState { get; }

    /// <summary>The grain the write belongs to, whichever of its states it writes.</summary>
    public (string GrainType, string GrainKey) Grain => (Key.GrainType, Key.GrainKey);

    /// <summary>What the write stores, for messages and logs.</summary>
    public string Subject => WritesState ? Key.ToString() : $"the staged effects of {Key.GrainType}/{Key.GrainKey}";

    public Task<long> Completion => completion.Task;

    public static StateWrite EffectsOnly(string grainType, string grainKey, IReadOnlyList<ICommitEffect> effects) =>
        new(new StateKey(grainType, grainKey, string.Empty), expectedVersion: null, payload: null, effects, writesState: false);

    public void Committed() => completion.TrySetResult((ExpectedVersion ?? 0) + 1);

    public void Fail(Exception exception) => completion.TrySetException(exception);
}
