using Orleans;
using Orleans.Runtime;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// A one-shot timer the way a user builds one from an Orleans reminder: register with the due time as the reminder's
/// due time (and the smallest period allowed), unregister on the first tick. Every tick is recorded, so a second tick
/// before the unregister lands shows up as an extra fire.
/// </summary>
[GrainType(TimerKeys.ReminderGrainType)]
internal sealed class ReminderTimerGrain(FireLog log, ReminderUsage usage, TimeProvider time) : Grain, ITimerGrain, IRemindable
{
    private IGrainReminder? registered;

    public async Task ArmAsync(DateTimeOffset dueAt)
    {
        var dueIn = dueAt - time.GetUtcNow();
        registered = await this.RegisterOrUpdateReminder(TimerKeys.TimerName, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, usage.Period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Fired(this.GetPrimaryKeyString(), time.GetUtcNow());

        // The handle from registration while this activation holds it; after a restart, the stored one.
        var reminder = registered ?? await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }

        registered = null;
    }
}
