using Microsoft.Extensions.Logging;

namespace Vrps.Runtime.Reminders;

internal static partial class ReminderLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Polling for due reminders failed; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Reminder {Name} of grain {Grain} failed; it will be retried")]
    public static partial void FireFailed(ILogger logger, string grain, string name, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Recording {Count} reminder outcomes failed; retrying")]
    public static partial void RecordFailed(ILogger logger, int count, Exception exception);
}
