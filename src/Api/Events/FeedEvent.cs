using System.Text.Json;

namespace Vrps.Api.Events;

/// <summary>The data line of one feed event.</summary>
/// <param name="Sequence">The event's id: gap-free per customer, and what Last-Event-ID resumes after.</param>
/// <param name="Data">The entity's view after the change.</param>
internal sealed record FeedEvent(long Sequence, string Type, DateTimeOffset OccurredAt, JsonElement Data);
