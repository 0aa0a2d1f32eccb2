namespace Vrps.Postgres.Storage;

/// <summary>
/// One caller's write (or clear, when <see cref="Payload"/> is null) waiting for a group commit, with the effects its
/// activation staged before it. Its task completes with the new version once the transaction holding it committed.
/// </summary>
internal sealed class StateWrite(StateKey key, long? expectedVersion, string? payload, IReadOnlyList<ICommitEffect> effects)
{
    private readonly TaskCompletionSource<long> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateKey Key { get; } = key;

    /// <summary>The version the writer read; null when it read no row at all.</summary>
    public long? ExpectedVersion { get; } = expectedVersion;

    public string? Payload { get; } = payload;

    public IReadOnlyList<ICommitEffect> Effects { get; } = effects;

    public Task<long> Completion => completion.Task;

    public void Committed() => completion.TrySetResult((ExpectedVersion ?? 0) + 1);

    public void Fail(Exception exception) => completion.TrySetException(exception);
}
