using System.Diagnostics;

namespace Vrps.Bench.AmenityBurst;

/// <summary>
/// Issues every booking at once from one loop (each call runs synchronously up to its first await, so in-process grain
/// calls reach the amenity's mailbox in loop order), then waits for all answers. Latency is from issue to answer, so it
/// includes the queue behind the other bookings; throughput is bookings over the time from the first issue to the
/// last answer.
/// </summary>
internal static class BookingBurst
{
    public static async Task<(LoadResult Load, BookingOutcome?[] Outcomes)> RunAsync(
        int count, Func<int, Task<(Guid BookingId, string Status, int? Position)>> book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var outcomes = new BookingOutcome?[count];
        var failed = 0L;
        string? firstError = null;
        var calls = new Task[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            calls[i] = OneAsync(i);
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
        var recorder = new LatencyRecorder(count);
        var lastAnswer = started;
        foreach (var outcome in outcomes)
        {
            if (outcome is not null)
            {
                recorder.Record(outcome.SentAt, outcome.AnsweredAt);
                lastAnswer = Math.Max(lastAnswer, outcome.AnsweredAt);
            }
        }

        var latency = LatencyRecorder.Summarize([recorder]);
        return (new LoadResult(latency.Count, failed, Stopwatch.GetElapsedTime(started, lastAnswer), latency, firstError), outcomes);

        async Task OneAsync(int i)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                var (id, status, position) = await book(i).ConfigureAwait(false);
                outcomes[i] = new BookingOutcome(id, status, position, sent, Stopwatch.GetTimestamp());
            }
            catch (Exception exception)
            {
                // A failed booking is counted, not fatal: the checks decide whether the run still counts.
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
            }
        }
    }
}
