namespace Vrps.Bench.Reminders;

/// <summary>
/// Sizes of one run. Quick keeps the full run's offered rate (due ÷ window, 1,667 fires/s) on a tenth of the rows and a
/// tenth of the window, so that it still says whether the silo keeps up while finishing in about half a minute.
/// </summary>
/// <param name="Stored">Reminders stored while the due batch fires (far-future ones plus the due batch).</param>
/// <param name="Due">Reminders falling due, uniformly spread over <paramref name="Window"/>.</param>
/// <param name="Lead">From writing the due batch to its first due time: leaves room for the COPY and the silo's start.</param>
/// <param name="Grace">How long after the window's end a reminder may still fire before it counts as missed.</param>
/// <param name="SmallStored">The small table of the start-up comparison.</param>
/// <param name="StartSamples">Silo starts per table size; the median is reported.</param>
internal sealed record RemindersPlan(
    string Mode, int Stored, int Due, TimeSpan Window, TimeSpan Lead, TimeSpan Grace, int SmallStored, int StartSamples)
{
    public static RemindersPlan Full { get; } = new("full", 1_000_000, 100_000, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30), 1_000, 3);

    public static RemindersPlan Quick { get; } = new("quick", 100_000, 10_000, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), 1_000, 3);

    public double OfferedPerSecond => Due / Window.TotalSeconds;

    /// <summary>The target of brief §6: p99 firing lag of the due batch.</summary>
    public static double TargetP99Ms => 1000;
}
