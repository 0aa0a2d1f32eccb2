namespace Vrps.Runtime.Reminders;

/// <param name="NextDueAt">For a periodic reminder that fired, its next tick; null deletes a fired one-shot. A failed fire keeps its due time and is retried once its short lease lapses.</param>
internal sealed record ReminderOutcome(ClaimedReminder Reminder, bool Succeeded, DateTimeOffset? NextDueAt);
