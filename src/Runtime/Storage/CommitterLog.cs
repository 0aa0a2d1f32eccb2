using Microsoft.Extensions.Logging;

namespace Vrps.Runtime.Storage;

internal static partial class CommitterLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Group commit of {Count} writes failed; every waiting caller fails with it")]
    public static partial void CommitFailed(ILogger logger, int count, Exception exception);
}
