namespace Vrps.Bench.Deadlines;

/// <summary>The period the reminder grains register with: one-shot use still needs one, and it decides when a missed tick comes round again.</summary>
internal sealed record ReminderUsage(TimeSpan Period);
