using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Storage;

internal sealed record PendingEvent(StreamId Stream, string Type, string Payload, DateTimeOffset OccurredAt);
