using System.Collections.Concurrent;
using Orleans.Streams;
using Vrps.Postgres.Events;

namespace Vrps.Postgres.Tests.Events;

/// <summary>
/// What the sink grain of one stream received, and what it does on a delivery. Static so it outlives a silo restart;
/// tests keep apart by using stream keys of their own. Like a real consumer it de-duplicates by the stream sequence
/// carried in the token.
/// </summary>
internal sealed class EventSink
{
    private static readonly ConcurrentDictionary<string, EventSink> Sinks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoggedEvent> all = new();
    private readonly ConcurrentQueue<LoggedEvent> accepted = new();
    private long lastSequence;
    private int failuresLeft;

    public static EventSink For(string streamKey) => Sinks.GetOrAdd(streamKey, static _ => new EventSink());

    /// <summary>Every delivery, duplicates included, in arrival order.</summary>
    public IReadOnlyList<LoggedEvent> Deliveries => [.. all];

    /// <summary>Deliveries after de-duplication: what a consumer acts on.</summary>
    public IReadOnlyList<LoggedEvent> Accepted => [.. accepted];

    /// <summary>While set, the delivery of <see cref="SinkHold.Sequence"/> waits for it before it is recorded: a subscriber still at work.</summary>
    public SinkHold? Hold { get; set; }

    /// <summary>The next <paramref name="count"/> deliveries throw before they are recorded: a subscriber that fails.</summary>
    public void FailNext(int count) => Volatile.Write(ref failuresLeft, count);

    /// <summary>The sink grain is one activation whose turns do not interleave, so this runs one call at a time.</summary>
    public async Task ReceiveAsync(LoggedEvent item, StreamSequenceToken? token)
    {
        var sequence = (token as EventLogSequenceToken)?.StreamSequence ?? throw new InvalidOperationException("The token is not an event-log token.");
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw new InvalidOperationException($"Delivery of sequence {sequence} is scripted to fail.");
        }

        if (Hold is { } hold && hold.Sequence == sequence)
        {
            hold.Reached.TrySetResult();
            await hold.Release.Task;
        }

        all.Enqueue(item);
        if (sequence <= lastSequence)
        {
            return;
        }

        lastSequence = sequence;
        accepted.Enqueue(item);
    }
}
