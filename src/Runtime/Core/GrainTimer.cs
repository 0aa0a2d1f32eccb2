namespace Vrps.Runtime.Core;

/// <summary>An in-memory timer whose ticks run as turns of the activation; a tick is skipped while the previous one is pending.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation activation;
    private readonly Func<CancellationToken, Task> callback;
    private readonly ITimer timer;
    private readonly CancellationTokenSource disposed = new();
    private int pending;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        this.activation = activation;
        this.callback = callback;
        timer = time.CreateTimer(static s => ((GrainTimer)s!).Tick(), this, dueTime, period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
    }

    private void Tick()
    {
        if (disposed.IsCancellationRequested || Interlocked.Exchange(ref pending, 1) == 1)
        {
            return;
        }

        var message = new Message<object?>("timer", async _ =>
        {
            try
            {
                if (!disposed.IsCancellationRequested)
                {
                    await callback(disposed.Token);
                }
            }
            finally
            {
                Volatile.Write(ref pending, 0);
            }

            return null;
        }, dropOnDeactivation: true);
        if (!activation.TryEnqueue(message))
        {
            Volatile.Write(ref pending, 0);
        }
    }

    public void Dispose()
    {
        if (disposed.IsCancellationRequested)
        {
            return;
        }

        disposed.Cancel();
        timer.Dispose();
        activation.RemoveTimer(this);
    }
}
