using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Interfaces;
using Vrps.Interfaces.Events;
using Vrps.Postgres.Events;

namespace Vrps.Api.Events;

/// <summary>Writes one stream as Server-Sent Events, polling the event log until the client leaves.</summary>
internal sealed class EventFeedWriter(EventLogReader log, TimeProvider time, ILogger logger)
{
    public const string ContentType = "text/event-stream";

    public const int BatchSize = 500;

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Idle connections get a comment this often, so proxies and clients do not take silence for a dead peer.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public async Task WriteAsync(HttpResponse response, string customerKey, long after, EventFeedStart start, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies not to hold events back in their buffers.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var sent = 0;
        try
        {
            await response.StartAsync(cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            var lastWrite = time.GetTimestamp();
            while (true)
            {
                IReadOnlyList<StoredEvent> events;
                try
                {
                    events = await log.ReadStreamAsync(TenantEvents.Namespace, customerKey, after, BatchSize, cancellationToken).ConfigureAwait(false);
                }
                catch (NpgsqlException exception)
                {
                    EventFeedLog.ReadFailed(logger, $"{TenantEvents.Namespace}/{customerKey}", after, exception);
                    return;
                }

                var text = new StringBuilder();
                foreach (var streamEvent in events)
                {
                    // Skipped types move the position too, so a resumed feed does not look at them again.
                    after = streamEvent.Sequence;
                    if (start.Types is { } types && !types.Contains(streamEvent.Type))
                    {
                        continue;
                    }

                    Append(text, streamEvent);
                    if (++sent == start.Limit)
                    {
                        break;
                    }
                }

                if (text.Length == 0 && time.GetElapsedTime(lastWrite) >= KeepAliveInterval)
                {
                    text.Append(": keep-alive\n\n");
                }

                if (text.Length > 0)
                {
                    await response.WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    lastWrite = time.GetTimestamp();
                }

                if (sent == start.Limit)
                {
                    return;
                }

                // A full batch means more is already waiting; anything less means we are caught up.
                if (events.Count < BatchSize)
                {
                    await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away (or the silo is stopping): the stream simply ends.
        }
    }

    private static void Append(StringBuilder text, StoredEvent streamEvent)
    {
        // Serialized JSON escapes line breaks inside strings, so the data field is always a single line.
        var data = JsonSerializer.Serialize(new FeedEvent(streamEvent.Sequence, streamEvent.Type, streamEvent.OccurredAt, streamEvent.Payload), VrpsJson.Options);
        text.Append(CultureInfo.InvariantCulture, $"id: {streamEvent.Sequence}\nevent: {streamEvent.Type}\ndata: {data}\n\n");
    }
}
