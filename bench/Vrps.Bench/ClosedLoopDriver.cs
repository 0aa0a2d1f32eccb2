using System.Diagnostics;

namespace Vrps.Bench;

/// <summary>
/// A fixed number of client loops, each issuing its next call as soon as the previous one answered, until a shared
/// budget of calls is spent. Closed loop: the offered load adapts to the system, so throughput is what the system
/// sustains at that concurrency and latency includes queueing behind the other clients.
/// </summary>
internal static class ClosedLoopDriver
{
    /// <param name="targets">Call number <c>n</c> goes to <c>targets[n % targets.Count]</c>.</param>
    public static async Task<LoadResult> RunAsync<TTarget>(
        IReadOnlyList<TTarget> targets,
        Func<TTarget, Task> call,
        int totalCalls,
        int clients,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfZero(targets.Count, nameof(targets));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);

        var issued = -1L;
        var failed = 0L;
        string? firstError = null;
        var recorders = new LatencyRecorder[clients];
        var loops = new Task[clients];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < clients; i++)
        {
            var recorder = recorders[i] = new LatencyRecorder((totalCalls / clients) + 1);

            // Task.Run so that no loop runs its first calls inline on this thread before the others have started.
            loops[i] = Task.Run(
                async () =>
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref issued);
                        if (n >= totalCalls)
                        {
                            return;
                        }

                        var target = targets[(int)(n % targets.Count)];
                        var before = Stopwatch.GetTimestamp();
                        try
                        {
                            await call(target).ConfigureAwait(false);
                            recorder.Record(before, Stopwatch.GetTimestamp());
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            // A failed call is reported, not fatal: the caller decides whether the run still counts.
                            Interlocked.Increment(ref failed);
                            Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
                        }
                    }
                },
                CancellationToken.None);
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        cancellationToken.ThrowIfCancellationRequested();
        var latency = LatencyRecorder.Summarize(recorders);
        return new LoadResult(latency.Count, Interlocked.Read(ref failed), elapsed, latency, firstError);
    }
}
