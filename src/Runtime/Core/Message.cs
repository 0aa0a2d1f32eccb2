using System.Diagnostics;

namespace Vrps.Runtime.Core;

/// <summary>A request waiting in, or running on, an activation's mailbox.</summary>
internal abstract class Message
{
    protected Message(string name, bool readOnly, bool alwaysInterleave, bool dropOnDeactivation)
    {
        Name = name;
        ReadOnly = readOnly;
        AlwaysInterleave = alwaysInterleave;
        DropOnDeactivation = dropOnDeactivation;
        StartedAt = Stopwatch.GetTimestamp();
    }

    public string Name { get; }

    public bool ReadOnly { get; }

    public bool AlwaysInterleave { get; }

    /// <summary>Timer ticks belong to one activation: they are not forwarded to the next one.</summary>
    public bool DropOnDeactivation { get; }

    public long StartedAt { get; }

    /// <summary>Runs the turn on the activation's scheduler, then releases the reply once what it reports is durable.</summary>
    public abstract Task RunAsync(Activation activation);

    public abstract void Fail(Exception exception);
}

internal sealed class Message<T> : Message
{
    private readonly TaskCompletionSource<T> reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<Grain, Task<T>> body;

    public Message(GrainMethod method, object?[] arguments, Func<object, object?[], Task<T>> call)
        : base(method.Name, method.ReadOnly, method.AlwaysInterleave, dropOnDeactivation: false)
    {
        body = grain => call(grain, arguments);
    }

    public Message(string name, Func<Grain, Task<T>> body, bool dropOnDeactivation = false)
        : base(name, readOnly: false, alwaysInterleave: false, dropOnDeactivation)
    {
        this.body = body;
    }

    public Task<T> Reply => reply.Task;

    public override async Task RunAsync(Activation activation)
    {
        T result;
        try
        {
            result = await body(activation.Instance);
        }
        catch (Exception exception)
        {
            activation.AbortTurn();
            activation.OnTurnCompleted(this);
            reply.TrySetException(exception);
            return;
        }

        var barrier = activation.CompleteTurn();
        activation.OnTurnCompleted(this);
        if (!barrier.IsCompleted)
        {
            try
            {
                await barrier.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                reply.TrySetException(exception);
                return;
            }
        }
        else if (barrier.Exception is { } failed)
        {
            reply.TrySetException(failed.InnerException ?? failed);
            return;
        }

        try
        {
            reply.TrySetResult(CallCopier.Copy(result));
        }
        catch (Exception exception)
        {
            reply.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => reply.TrySetException(exception);
}
