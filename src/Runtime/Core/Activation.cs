using Vrps.Runtime.Storage;

namespace Vrps.Runtime.Core;

/// <summary>
/// The one live instance of a grain identity on this silo: its mailbox, scheduler, state and staged effects.
/// The mailbox is guarded by a lock held only for bookkeeping, never across grain code.
/// </summary>
internal sealed partial class Activation
{
    private readonly object gate = new();
    private readonly Queue<Message> pending = new();
    private readonly List<IStateLoader> states = [];
    private readonly List<GrainTimer> timers = [];
    private readonly TaskCompletionSource deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationStatus status = ActivationStatus.Activating;
    private int exclusiveRunning;
    private int sharedRunning;
    private TaskCompletionSource? quiescent;
    private Task lastCommit = Task.CompletedTask;
    private Grain? instance;

    public Activation(GrainRuntime runtime, GrainId id, GrainTypeInfo type)
    {
        Runtime = runtime;
        Id = id;
        Type = type;
        LastUsed = runtime.TimeProvider.GetUtcNow();
    }

    public GrainRuntime Runtime { get; }

    public GrainId Id { get; }

    public GrainTypeInfo Type { get; }

    public ActivationTaskScheduler Scheduler { get; } = new();

    public EffectBuffer Effects { get; } = new();

    public Grain Instance => instance ?? throw new InvalidOperationException($"Activation {Id} has no instance.");

    public DateTimeOffset LastUsed { get; private set; }

    public Task Deactivated => deactivated.Task;

    public int QueueLength
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    public void AddState(IStateLoader state) => states.Add(state);

    /// <summary>Queues a message; false when this activation is gone and the caller must find the next one.</summary>
    public bool TryEnqueue(Message message)
    {
        lock (gate)
        {
            if (status == ActivationStatus.Invalid)
            {
                return false;
            }

            if (status == ActivationStatus.Valid && (Type.Reentrant || message.AlwaysInterleave))
            {
                // Nothing can hold it back, so it need not wait for a pump over a long queue.
                Begin(message);
                return true;
            }

            pending.Enqueue(message);
            if (status == ActivationStatus.Valid)
            {
                Pump();
            }
        }

        return true;
    }

    private void Pump()
    {
        while (pending.Count > 0 && status == ActivationStatus.Valid)
        {
            var next = pending.Peek();
            if (!CanStart(next))
            {
                StartInterleavingBehindHead();
                return;
            }

            pending.Dequeue();
            Begin(next);
        }
    }

    // An [AlwaysInterleave] call must not wait behind a blocked call at the head of the queue; the others keep FIFO order.
    private void StartInterleavingBehindHead()
    {
        if (pending.Count < 2 || !pending.Any(static m => m.AlwaysInterleave))
        {
            return;
        }

        var waiting = pending.ToArray();
        pending.Clear();
        foreach (var message in waiting)
        {
            if (message.AlwaysInterleave)
            {
                Begin(message);
            }
            else
            {
                pending.Enqueue(message);
            }
        }
    }

    private void Begin(Message message)
    {
        if (IsShared(message))
        {
            sharedRunning++;
        }
        else
        {
            exclusiveRunning++;
        }

        Start(message);
    }

    private bool IsShared(Message message) => Type.Reentrant || message.AlwaysInterleave || message.ReadOnly;

    private bool CanStart(Message message)
    {
        if (Type.Reentrant || message.AlwaysInterleave)
        {
            return true;
        }

        if (exclusiveRunning > 0)
        {
            return false;
        }

        return message.ReadOnly || sharedRunning == 0;
    }

    private void Start(Message message)
    {
        var activation = this;
        _ = Task.Factory.StartNew(
            static state =>
            {
                var (self, msg) = ((Activation, Message))state!;
                return msg.RunAsync(self);
            },
            (activation, message),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            Scheduler);
    }

    public void OnTurnCompleted(Message message)
    {
        lock (gate)
        {
            if (IsShared(message))
            {
                sharedRunning--;
            }
            else
            {
                exclusiveRunning--;
            }

            LastUsed = Runtime.TimeProvider.GetUtcNow();
            if (status == ActivationStatus.Valid)
            {
                Pump();
            }
            else if (exclusiveRunning == 0 && sharedRunning == 0)
            {
                quiescent?.TrySetResult();
            }
        }

        Runtime.Metrics.CallCompleted(message);
    }

    /// <summary>End of a successful turn: commit what it staged; the reply waits for every commit issued so far.</summary>
    public Task CompleteTurn() => Effects.IsEmpty ? lastCommit : Commit(null);

    public void AbortTurn() => Effects.Clear();

    /// <summary>
    /// Sends a state write (or, with null, only the staged effects) to the group commit. Called on the scheduler, so
    /// the commit order of one activation is its program order.
    /// </summary>
    public Task Commit(StateWrite? write)
    {
        var effects = Effects.Take();
        if (write is null && effects is null)
        {
            return lastCommit;
        }

        var item = new CommitItem(this, write, effects);
        lastCommit = item.Completion;
        Runtime.Committer.Enqueue(item);
        return item.Completion;
    }

    /// <summary>
    /// The storage failure that broke this activation's chain of writes: writes it queued after that one can only
    /// conflict, and their callers should hear the real cause.
    /// </summary>
    public GrainStorageException? CommitFailure { get; private set; }

    /// <summary>Our in-memory state is ahead of, or behind, what is stored: serve nothing more from it.</summary>
    public void OnCommitFailed(Exception failure)
    {
        if (failure is GrainStorageException storage)
        {
            CommitFailure ??= storage;
        }

        RequestDeactivation(DeactivationReason.StateMayBeStale);
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, Runtime.TimeProvider);
        lock (gate)
        {
            timers.Add(timer);
        }

        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    public bool IsIdleSince(DateTimeOffset cutoff)
    {
        lock (gate)
        {
            return status == ActivationStatus.Valid && exclusiveRunning == 0 && sharedRunning == 0 && pending.Count == 0
                && LastUsed <= cutoff && lastCommit.IsCompleted;
        }
    }
}
