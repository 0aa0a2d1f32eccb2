using System.Text.Json;
using Vrps.Interfaces;

namespace Vrps.Grains.Common;

/// <summary>An event as a subscribing grain handles it.</summary>
/// <param name="Sequence">Its number in its stream, from 1 without gaps: what the subscriber records to skip replays.</param>
public sealed record StreamEvent(string Namespace, string Key, long Sequence, string Type, string PayloadJson, DateTimeOffset OccurredAt)
{
    public T As<T>() => JsonSerializer.Deserialize<T>(PayloadJson, VrpsJson.Options)
        ?? throw new InvalidOperationException($"Event {Type} at {Namespace}/{Key}#{Sequence} has an empty payload.");
}
