namespace Vrps.Runtime.Storage;

/// <param name="DueAt">Null removes the reminder.</param>
internal sealed record ReminderChange(GrainId Grain, string Name, DateTimeOffset? DueAt, TimeSpan? Period);
