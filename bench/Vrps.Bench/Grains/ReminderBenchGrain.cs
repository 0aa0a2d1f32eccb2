using Vrps.Bench.Reminders;
using Vrps.Runtime;

namespace Vrps.Bench.Grains;

/// <summary>
/// The reminders benchmark's grain. Stateless on purpose: a reminder needs no grain_state row to fire, so the benchmark
/// writes only reminder rows (straight into the reminders table, as the runtime would) and each fire costs one
/// activation and one turn, nothing else. Every tick is reported to the run's <see cref="ReminderFireLog"/>.
/// </summary>
[GrainType(TypeName)]
internal sealed class ReminderBenchGrain(ReminderFireLog log) : Grain, IRemindable
{
    /// <summary>The stored grain type name: what the runtime registers for this class and what the seeded rows carry.</summary>
    public const string TypeName = "bench-reminder";

    /// <summary>The one reminder name every seeded row uses.</summary>
    public const string ReminderName = "bench";

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Real time, not status.FiredAt: FiredAt is when the runtime dispatched the tick, and the lag the user sees ends
        // when the grain's turn runs.
        log.Record(GrainId.Key, status.DueAt, TimeProvider.GetUtcNow());
        return Task.CompletedTask;
    }
}
