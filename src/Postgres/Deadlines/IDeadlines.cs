using Orleans.Runtime;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

/// <summary>Sets and cancels the durable deadlines of grains. A grain implementing <see cref="IDeadlineReceiver"/> receives them.</summary>
public interface IDeadlines
{
    /// <summary>
    /// A deadline to set (or move, if one of that name exists) in the transaction of the grain's next state write: it
    /// is armed if and only if that write commits.
    /// </summary>
    ICommitEffect Set(GrainId grain, string name, DateTimeOffset dueAt);

    /// <summary>A deadline to cancel in the transaction of the grain's next state write. Cancelling a missing one is no error.</summary>
    ICommitEffect Cancel(GrainId grain, string name);

    /// <summary>Sets (or moves) a deadline in a transaction of its own, for code that has no state write to join.</summary>
    ValueTask SetAsync(GrainId grain, string name, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>Cancels a deadline in a transaction of its own.</summary>
    ValueTask CancelAsync(GrainId grain, string name, CancellationToken cancellationToken = default);
}
