using System.Text.Json;

namespace Vrps.Runtime.Streams;

/// <param name="Position">Global position in the event log (commit order).</param>
/// <param name="Sequence">Position within the stream, from 1, gap-free: subscribers de-duplicate with it.</param>
public sealed record StreamEvent(
    long Position,
    StreamId Stream,
    long Sequence,
    string Type,
    JsonElement Payload,
    DateTimeOffset OccurredAt)
{
    public T As<T>() => Payload.Deserialize<T>(RuntimeJson.Options)
        ?? throw new InvalidOperationException($"Event {Type} at {Stream}#{Sequence} has an empty payload.");
}
