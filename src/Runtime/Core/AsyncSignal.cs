namespace Vrps.Runtime.Core;

/// <summary>A wake-up flag for a background loop: many Set calls before a wait collapse into one wake.</summary>
internal sealed class AsyncSignal
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

    /// <summary>Waits for a Set or the delay, whichever comes first. Returns false on cancellation.</summary>
    public async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await semaphore.WaitAsync(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
