using System.Collections.Concurrent;

namespace Vrps.Runtime.Core;

/// <summary>
/// Runs an activation's work items one at a time on the thread pool. Grain code awaits without ConfigureAwait, so
/// its continuations come back here: that is what makes a turn single-threaded without locks.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Bounds how long one activation holds a pool thread before giving others a turn.
    private const int MaxItemsPerRun = 128;

    [ThreadStatic]
    private static ActivationTaskScheduler? current;

    private readonly ConcurrentQueue<Task> queue = new();
    private int scheduled;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Inline only when we are already the running scheduler on this thread: that keeps the one-at-a-time rule.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        current == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        var previous = current;
        current = this;
        try
        {
            for (var i = 0; i < MaxItemsPerRun && queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            current = previous;
        }

        Volatile.Write(ref scheduled, 0);
        if (!queue.IsEmpty && Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public Task Run(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();
}
