namespace Vrps.Postgres.Deadlines;

/// <param name="Fired">True deletes the deadline (unless it was set again meanwhile); false retries it after the retry delay.</param>
internal sealed record DeadlineOutcome(ClaimedDeadline Deadline, bool Fired);
