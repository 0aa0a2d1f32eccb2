namespace Vrps.Runtime.Reminders;

internal sealed record ClaimedReminder(GrainId Grain, string Name, DateTimeOffset DueAt, TimeSpan? Period, long Version);
