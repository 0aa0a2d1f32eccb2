using Orleans.Reminders.Diagnostics;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// Waits for Orleans' <see cref="ReminderEvents.ReminderServiceStarted"/>, which the local reminder service emits once
/// its initial read of every reminder in its ring range has finished: until then stored reminders cannot tick.
/// </summary>
internal sealed class ReminderServiceWatch : IObserver<ReminderEvents.ReminderServiceEvent>, IDisposable
{
    private readonly TaskCompletionSource<DateTimeOffset> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider time;
    private readonly IDisposable subscription;

    public ReminderServiceWatch(TimeProvider time)
    {
        this.time = time;
        subscription = ReminderEvents.ServiceEvents.Subscribe(this);
    }

    public Task<DateTimeOffset> Started => started.Task;

    public void OnNext(ReminderEvents.ReminderServiceEvent value)
    {
        if (value is ReminderEvents.ReminderServiceStarted)
        {
            started.TrySetResult(time.GetUtcNow());
        }
    }

    public void OnError(Exception error) => started.TrySetException(error);

    public void OnCompleted()
    {
    }

    public void Dispose() => subscription.Dispose();
}
