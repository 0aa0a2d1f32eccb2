using System.Collections.Concurrent;
using Orleans.Streams;
using Vrps.Postgres.Events;

namespace Vrps.Postgres.Tests.Events;

/// <summary>
/// What the sink grain of one stream received. Static so it outlives a silo restart; tests keep apart by using stream
/// keys of their own. Like a real consumer it de-duplicates by the stream sequence carried in the token.
/// </summary>
internal sealed class EventSink
{
    private static readonly ConcurrentDictionary<string, EventSink> Sinks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoggedEvent> all = new();
    private readonly ConcurrentQueue<LoggedEvent> accepted = new();
    private long lastSequence;

    public static EventSink For(string streamKey) => Sinks.GetOrAdd(streamKey, static _ => new EventSink());

    /// <summary>Every delivery, duplicates included, in arrival order.</summary>
    public IReadOnlyList<LoggedEvent> Deliveries => [.. all];

    /// <summary>Deliveries after de-duplication: what a consumer acts on.</summary>
    public IReadOnlyList<LoggedEvent> Accepted => [.. accepted];

    /// <summary>The sink grain is one activation whose turns do not interleave, so this runs one call at a time.</summary>
    public void Receive(LoggedEvent item, StreamSequenceToken? token)
    {
        all.Enqueue(item);
        var sequence = (token as EventLogSequenceToken)?.StreamSequence ?? throw new InvalidOperationException("The token is not an event-log token.");
        if (sequence <= lastSequence)
        {
            return;
        }

        lastSequence = sequence;
        accepted.Enqueue(item);
    }
}
