using Microsoft.Extensions.Logging;

namespace Vrps.Postgres.Events;

internal static partial class EventLogLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Event log queue {Queue} of stream provider {Provider} resumes after position {Position}")]
    public static partial void Resumed(ILogger logger, string provider, int queue, long position);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Saving the checkpoint of event log queue {Queue} of stream provider {Provider} failed; it is saved with the next delivery")]
    public static partial void CheckpointFailed(ILogger logger, string provider, int queue, Exception exception);
}
