using Orleans.Runtime;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>
/// Consecutive logged events of one stream (in position order, no other stream's event between them) on their way to
/// the stream's subscribers, delivered in one call: each subscriber takes them one by one, each with its own token.
/// A burst that raises many events on one stream (every pass issued goes to its customer's stream) then costs one
/// delivery per read instead of one per event. Serialised: the pulling agent ships it to the consumer's silo.
/// </summary>
[GenerateSerializer]
[Immutable]
internal sealed class EventLogBatchContainer : IBatchContainer
{
    public EventLogBatchContainer(StreamId streamId, IReadOnlyList<LoggedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one event.", nameof(events));
        }

        StreamId = streamId;
        Events = events;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events, in position order.</summary>
    [Id(1)]
    public IReadOnlyList<LoggedEvent> Events { get; }

    /// <summary>The first event's place: the cache orders batches by it, and the receiver keeps its checkpoint below it until the batch is delivered.</summary>
    public StreamSequenceToken SequenceToken => TokenOf(Events[0]);

    /// <summary>The last event's log position.</summary>
    public long LastPosition => Events[^1].Position;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        foreach (var loggedEvent in Events)
        {
            if (loggedEvent is T item)
            {
                yield return Tuple.Create(item, TokenOf(loggedEvent));
            }
        }
    }

    // Events are committed by grain storage, far from the request that raised them: there is no context to carry.
    public bool ImportRequestContext() => false;

    private static StreamSequenceToken TokenOf(LoggedEvent loggedEvent) => new EventLogSequenceToken(loggedEvent.Position, loggedEvent.Sequence);
}
