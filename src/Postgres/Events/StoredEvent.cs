using System.Text.Json;

namespace Vrps.Postgres.Events;

/// <summary>An event of the log as a reader outside the grains sees it: where it stands in the log and in its stream.</summary>
/// <param name="Position">The event's place in the whole log, in commit order: what a feed resumes after.</param>
/// <param name="Sequence">The event's number in its stream, from 1 without gaps.</param>
public sealed record StoredEvent(
    long Position,
    string Namespace,
    string Key,
    long Sequence,
    string Type,
    JsonElement Payload,
    DateTimeOffset OccurredAt)
{
    /// <summary>The payload as <typeparamref name="T"/>, with the options it was written with.</summary>
    /// <exception cref="JsonException">The payload does not fit <typeparamref name="T"/>.</exception>
    public T As<T>(JsonSerializerOptions options) =>
        Payload.Deserialize<T>(options) ?? throw new JsonException($"Event {Position} ({Type}) has a null payload.");
}
