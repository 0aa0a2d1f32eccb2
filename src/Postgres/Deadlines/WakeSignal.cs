namespace Vrps.Postgres.Deadlines;

/// <summary>A wake-up flag for a background loop: many Set calls before a wait collapse into one wake.</summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Set()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another Set won the race; one wake is all we need.
            }
        }
    }

    /// <summary>Waits (real time) for a Set or the delay, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await semaphore.WaitAsync(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, cancellationToken).ConfigureAwait(false);

    public void Dispose() => semaphore.Dispose();
}
