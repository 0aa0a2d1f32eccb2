using Orleans.Runtime;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>One logged event on its way to a stream's subscribers. Serialised: the pulling agent ships it to the consumer's silo.</summary>
[GenerateSerializer]
[Immutable]
internal sealed class EventLogBatchContainer(StreamId streamId, LoggedEvent loggedEvent) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public LoggedEvent Event { get; } = loggedEvent;

    public StreamSequenceToken SequenceToken => new EventLogSequenceToken(Event.Position, Event.Sequence);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        if (Event is T item)
        {
            yield return Tuple.Create(item, SequenceToken);
        }
    }

    // Events are committed by grain storage, far from the request that raised them: there is no context to carry.
    public bool ImportRequestContext() => false;
}
