using Orleans;

namespace Vrps.Postgres.Deadlines;

/// <summary>Implemented by a grain that sets deadlines: each one fires as a call to this interface.</summary>
/// <remarks>
/// At-least-once: a silo that dies mid-fire, or a reply lost on the way back, lets the deadline fire again once its lease
/// lapses, so a receiver checks its state (is the hold still pending?) rather than trusting that a fire is the first.
/// A fire that throws is retried after <see cref="DeadlineOptions.RetryDelay"/>.
/// </remarks>
[Alias("Vrps.Postgres.Deadlines.IDeadlineReceiver")]
public interface IDeadlineReceiver : IGrain
{
    /// <param name="name">The deadline's name, unique per grain.</param>
    /// <param name="dueAt">When it was due (business time); the fire may come later, after downtime or a retry.</param>
    [Alias("OnDeadline")]
    Task OnDeadlineAsync(string name, DateTimeOffset dueAt);
}
