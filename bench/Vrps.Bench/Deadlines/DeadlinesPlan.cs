namespace Vrps.Bench.Deadlines;

/// <summary>The sizes and waits of one run. The quick form is CI's correctness run on a 2-core machine, not a measurement.</summary>
/// <param name="Stored">Timers stored far in the future before the measured start-ups.</param>
/// <param name="Due">Timers falling due, evenly spaced, over <paramref name="Window"/>.</param>
/// <param name="Lead">From the start of arming to the first due time: arming must be done by then.</param>
/// <param name="ReminderPeriod">The period the reminder grains register with: the smallest the silo allows.</param>
/// <param name="MinimumReminderPeriod">Orleans' ReminderOptions.MinimumReminderPeriod; 1 minute is its default.</param>
/// <param name="OverdueArmedFor">How far ahead the kill -9 timer is set before the silo is killed.</param>
/// <param name="OverdueBy">How long past its due time the timer is when the next silo is launched.</param>
/// <param name="FireGrace">How long after the last due time (or, after kill -9, after the next possible tick) fires are awaited.</param>
internal sealed record DeadlinesPlan(
    string Mode,
    int Stored,
    int Due,
    TimeSpan Window,
    TimeSpan Lead,
    TimeSpan ReminderPeriod,
    TimeSpan MinimumReminderPeriod,
    TimeSpan OverdueArmedFor,
    TimeSpan OverdueBy,
    TimeSpan FireGrace)
{
    /// <summary>How far ahead the stored timers fall due: far outside any loading window or lease.</summary>
    public static readonly TimeSpan StoredAhead = TimeSpan.FromDays(30);

    /// <summary>How long to keep listening after the last expected fire, for a second one.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static DeadlinesPlan For(bool quick) => quick
        ? new DeadlinesPlan(
            "quick",
            Stored: 20_000,
            Due: 5_000,
            Window: TimeSpan.FromSeconds(10),
            Lead: TimeSpan.FromSeconds(6),
            ReminderPeriod: TimeSpan.FromSeconds(5),
            MinimumReminderPeriod: TimeSpan.FromSeconds(5),
            OverdueArmedFor: TimeSpan.FromSeconds(1),
            OverdueBy: TimeSpan.FromSeconds(1),
            FireGrace: TimeSpan.FromSeconds(20))
        : new DeadlinesPlan(
            "full",
            Stored: 1_000_000,
            Due: 100_000,
            Window: TimeSpan.FromSeconds(60),
            Lead: TimeSpan.FromSeconds(120),
            ReminderPeriod: TimeSpan.FromMinutes(1),
            MinimumReminderPeriod: TimeSpan.FromMinutes(1),
            OverdueArmedFor: TimeSpan.FromSeconds(2),
            OverdueBy: TimeSpan.FromSeconds(3),
            FireGrace: TimeSpan.FromSeconds(120));

    public TimeSpan Spacing => Window / Due;
}
