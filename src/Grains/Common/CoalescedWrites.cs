namespace Vrps.Grains.Common;

/// <summary>
/// The write side of a hot grain (offer, lot occupancy, unit passes, amenity). The grain is reentrant: each call
/// decides synchronously in memory, then awaits <see cref="SaveAsync"/>, so its reply still leaves only after the
/// commit that holds its decision while the next call already runs.
/// </summary>
/// <remarks>
/// <para>
/// Two ways to write, chosen per grain by the size of its state. <b>Pipelined</b> (small states: offer, occupancy,
/// unit passes, each on <c>[PipelinedState]</c>): every save writes at once, without waiting for the write before
/// it; our storage folds the writes of one state that wait for the same transaction into one update, so a burst
/// costs one row write per transaction and each decision joins the very next transaction. <b>Coalesced</b> (a state that grows, the amenity's): one write is in
/// flight at a time and every change made meanwhile joins the next one, so the state is serialized once per write,
/// not once per call.
/// </para>
/// <para>
/// A failed write fails every caller waiting on it and on the writes behind it (their decisions stood on the state
/// that did not commit), refuses all later saves, and deactivates the grain, so no decision outlives it. Used only
/// from the grain's own turns, so it needs no lock.
/// </para>
/// </remarks>
public sealed class CoalescedWrites(Func<Task> write, Action deactivate, bool pipelined = false)
{
    private TaskCompletionSource? queued;
    private Task inFlight = Task.CompletedTask;
    private bool running;
    private Exception? failure;

    /// <summary>Completes once a write holding every change made so far has committed.</summary>
    public Task SaveAsync()
    {
        if (failure is not null)
        {
            return Task.FromException(failure);
        }

        if (pipelined)
        {
            // On [PipelinedState] the storage serializes the state and queues the write in this turn; writes of
            // one state commit in the order they were made, so the latest one being durable means all of them are.
            inFlight = WatchAsync(write());
            return inFlight;
        }

        var waiter = queued ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!running)
        {
            running = true;
            inFlight = PumpAsync();
        }

        return waiter.Task;
    }

    /// <summary>Completes once every change made so far is durable (for reads that must not show an uncommitted decision).</summary>
    public Task DurableAsync() => failure is not null ? Task.FromException(failure) : queued?.Task ?? inFlight;

    private async Task WatchAsync(Task written)
    {
        try
        {
            await written;
        }
        catch (Exception exception)
        {
            Failed(exception);
            throw;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (queued is { } batch)
            {
                queued = null;
                try
                {
                    // The state is serialized when the storage queues the write: changes made after that wait for
                    // the next round.
                    await write();
                    batch.TrySetResult();
                }
                catch (Exception exception)
                {
                    batch.TrySetException(exception);
                    Failed(exception);
                    return;
                }
            }
        }
        finally
        {
            running = false;
        }
    }

    private void Failed(Exception exception)
    {
        if (failure is not null)
        {
            return;
        }

        failure = exception;
        queued?.TrySetException(exception);
        queued = null;
        deactivate();
    }
}
