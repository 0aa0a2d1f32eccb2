namespace Vrps.Api.Idempotency;

/// <summary>
/// Runs one kind of statement for concurrent requests together: a call that arrives while a statement runs waits for
/// the next one, which carries every call that arrived meanwhile; a call that finds none running runs at once. Under a
/// burst, a thousand requests' idempotency claims cost a few statements and commits instead of a thousand (issue 13:
/// the amenity burst over HTTP spent most of Postgres' time on one claim and one completion per request).
/// </summary>
/// <param name="run">Runs a batch and answers each item's result in the items' order; its failure fails every item of the batch.</param>
internal sealed class StatementBatcher<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> run)
{
    private readonly Lock gate = new();
    private List<(TItem Item, TaskCompletionSource<TResult> Done)> queued = [];
    private bool running;

    public Task<TResult> RunAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            queued.Add((item, done));
            if (running)
            {
                return done.Task;
            }

            running = true;
        }

        _ = PumpAsync();
        return done.Task;
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TResult> Done)> batch;
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    running = false;
                    return;
                }

                batch = queued;
                queued = [];
            }

            try
            {
                var results = await run(batch.ConvertAll(static b => b.Item)).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(exception);
                }
            }
        }
    }
}
