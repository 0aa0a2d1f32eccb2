using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>
/// Where an event sits: its log position is the sequence number (one event per position, so the event index is always
/// 0), and its stream sequence travels along for subscribers that de-duplicate by the token.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class EventLogSequenceToken : StreamSequenceToken
{
    public EventLogSequenceToken(long position, long streamSequence)
    {
        Position = position;
        StreamSequence = streamSequence;
    }

    [Id(0)]
    public long Position { get; private set; }

    [Id(1)]
    public long StreamSequence { get; private set; }

    public override long SequenceNumber
    {
        get => Position;
        protected set => Position = value;
    }

    public override int EventIndex
    {
        get => 0;
        protected set => throw new NotSupportedException("An event log position holds one event.");
    }

    public override bool Equals(StreamSequenceToken? other) => other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex;

    public override bool Equals(object? obj) => obj is StreamSequenceToken other && Equals(other);

    public override int GetHashCode() => Position.GetHashCode();

    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() => $"event-log:{Position} (stream sequence {StreamSequence})";
}
