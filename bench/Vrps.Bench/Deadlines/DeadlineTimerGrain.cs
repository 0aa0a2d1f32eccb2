using Orleans;
using Orleans.Runtime;
using Vrps.Postgres.Deadlines;

namespace Vrps.Bench.Deadlines;

/// <summary>A one-shot timer as product grains use one: a durable deadline, fired as a call to <see cref="IDeadlineReceiver"/>.</summary>
[GrainType(TimerKeys.DeadlineGrainType)]
internal sealed class DeadlineTimerGrain(IDeadlines deadlines, FireLog log, TimeProvider time) : Grain, ITimerGrain, IDeadlineReceiver
{
    public Task ArmAsync(DateTimeOffset dueAt) => deadlines.SetAsync(this.GetGrainId(), TimerKeys.TimerName, dueAt).AsTask();

    public Task OnDeadlineAsync(string name, DateTimeOffset dueAt)
    {
        // The time the grain's turn runs, which is when the user's code would act on the deadline.
        log.Fired(this.GetPrimaryKeyString(), time.GetUtcNow());
        return Task.CompletedTask;
    }
}
