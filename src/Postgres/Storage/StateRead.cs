namespace Vrps.Postgres.Storage;

/// <summary>One activation's read waiting for a batched query.</summary>
internal sealed class StateRead(StateKey key)
{
    private readonly TaskCompletionSource<StoredState?> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateKey Key { get; } = key;

    /// <summary>The stored row, or null when there is none.</summary>
    public Task<StoredState?> Completion => completion.Task;

    public void Found(StoredState? row) => completion.TrySetResult(row);

    public void Fail(Exception exception) => completion.TrySetException(exception);
}
