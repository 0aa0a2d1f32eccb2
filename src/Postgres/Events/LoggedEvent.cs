namespace Vrps.Postgres.Events;

/// <summary>An event as a stream subscriber receives it.</summary>
/// <param name="Sequence">The event's number in its stream, from 1 without gaps: what a subscriber de-duplicates by.</param>
/// <param name="Position">The event's place in the whole log (the stream token's sequence number).</param>
[GenerateSerializer]
[Immutable]
public sealed record LoggedEvent(
    [property: Id(0)] long Position,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string PayloadJson,
    [property: Id(4)] DateTimeOffset OccurredAt);
