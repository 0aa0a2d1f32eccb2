using Vrps.Runtime.Core;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime;

/// <summary>
/// Base class of grain implementations. Grain code runs one turn at a time on its activation's scheduler: it never
/// locks, never uses ConfigureAwait(false), Task.Run or Parallel.*.
/// </summary>
public abstract class Grain
{
    private Activation? activation;

    public GrainId GrainId => Activation.Id;

    protected IGrainFactory GrainFactory => Activation.Runtime;

    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    internal Activation Activation =>
        activation ?? throw new InvalidOperationException("A grain can only be used after the runtime has activated it.");

    internal void Attach(Activation owner) => activation = owner;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivate once the current turn and its writes are done.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.Requested);

    /// <summary>An in-memory timer: its ticks are turns of this activation and it dies with the activation.</summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Stages an event; it commits with the next state write of this activation, or at the end of the turn.</summary>
    protected void RaiseEvent(StreamId stream, string type, object payload) =>
        Activation.Effects.AddEvent(stream, type, payload, TimeProvider.GetUtcNow());

    /// <summary>Stages a durable reminder (one-shot when <paramref name="period"/> is null); it commits with the next write or at the end of the turn.</summary>
    protected void SetReminder(string name, DateTimeOffset dueAt, TimeSpan? period = null) =>
        Activation.Effects.SetReminder(GrainId, name, dueAt, period);

    /// <summary>Stages the removal of a durable reminder.</summary>
    protected void CancelReminder(string name) => Activation.Effects.CancelReminder(GrainId, name);

    /// <summary>Registers or moves a durable reminder and waits for it to be committed.</summary>
    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan? period = null)
    {
        SetReminder(name, TimeProvider.GetUtcNow() + dueTime, period);
        return FlushAsync();
    }

    protected Task UnregisterReminder(string name)
    {
        CancelReminder(name);
        return FlushAsync();
    }

    /// <summary>Stages this grain's row in the grain index (for lists); it commits with the next write.</summary>
    protected void SetIndex(IndexEntry entry) => Activation.Effects.SetIndex(entry);

    /// <summary>Commits the staged events and reminder changes now, without a state write.</summary>
    protected Task FlushAsync() => Activation.Commit(null);
}
