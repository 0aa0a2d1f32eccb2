using Microsoft.Extensions.Logging;

namespace Vrps.Postgres.Deadlines;

internal static partial class DeadlineLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Polling for due deadlines failed; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Deadline {Name} of grain {Grain} failed; it will be retried")]
    public static partial void FireFailed(ILogger logger, string grain, string name, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Recording {Count} deadline outcomes failed; retrying")]
    public static partial void RecordFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Listening for deadline wake-ups failed; reconnecting")]
    public static partial void ListenFailed(ILogger logger, Exception exception);
}
