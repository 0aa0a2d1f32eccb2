namespace Vrps.Runtime.Reminders;

/// <param name="NextDueAt">For a periodic reminder that fired, its next tick; for a failed one, when to retry; null deletes a fired one-shot.</param>
internal sealed record ReminderOutcome(ClaimedReminder Reminder, bool Succeeded, DateTimeOffset? NextDueAt);
