using Microsoft.AspNetCore.Mvc;

namespace Vrps.Api.Events;

/// <summary>What a client may say when it opens the event feed.</summary>
/// <param name="CustomerId">The tenant whose stream to read: required for platform admins, optional (and only their own) for operators and managers.</param>
/// <param name="After">The last sequence already seen; the feed starts after it. Last-Event-ID wins over it.</param>
/// <param name="From">start (default) or now, when neither Last-Event-ID nor after is given.</param>
/// <param name="Types">Comma-separated event types to keep; others are skipped.</param>
/// <param name="Limit">Close the stream after this many events.</param>
/// <param name="LastEventId">Sent by EventSource clients when they reconnect: the id of the last event received.</param>
internal sealed record EventFeedQuery(
    [FromQuery] Guid? CustomerId,
    [FromQuery] string? After,
    [FromQuery] string? From,
    [FromQuery] string? Types,
    [FromQuery] int? Limit,
    [FromHeader(Name = "Last-Event-ID")] string? LastEventId);
