using Vrps.Runtime.Core;

namespace Vrps.Runtime.Storage;

/// <summary>One activation's contribution to a group commit: a state write and/or staged events and reminder changes.</summary>
internal sealed class CommitItem(
    Activation? owner,
    StateWrite? write,
    Effects? effects)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Activation? Owner { get; } = owner;

    public StateWrite? Write { get; } = write;

    public Effects? Effects { get; } = effects;

    public Task Completion => completion.Task;

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception)
    {
        completion.TrySetException(exception);

        // Staged writes may have no awaiter of their own; their failure reaches callers through the reply barrier.
        _ = completion.Task.Exception;
        Owner?.OnCommitFailed(exception);
    }
}
