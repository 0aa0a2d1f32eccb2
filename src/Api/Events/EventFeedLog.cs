using Microsoft.Extensions.Logging;

namespace Vrps.Api.Events;

internal static partial class EventFeedLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "The event feed of stream {Stream} lost the database after sequence {Sequence}; the stream is closed so the client reconnects with Last-Event-ID")]
    public static partial void ReadFailed(ILogger logger, string stream, long sequence, Exception exception);
}
