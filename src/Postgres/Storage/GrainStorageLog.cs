using Microsoft.Extensions.Logging;

namespace Vrps.Postgres.Storage;

internal static partial class GrainStorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Grain storage '{Provider}': a transaction of {Count} writes failed; every one of them was refused")]
    public static partial void TransactionFailed(ILogger logger, string provider, int count, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Grain storage '{Provider}': {State} was written with stale ETag {ETag}; the write was refused")]
    public static partial void Conflict(ILogger logger, string provider, StateKey state, string? etag);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Grain storage '{Provider}': deactivating {GrainId}, whose state write failed")]
    public static partial void Deactivating(ILogger logger, string provider, GrainId grainId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Grain storage '{Provider}': a query reading {Count} states failed; every one of those reads was refused")]
    public static partial void ReadFailed(ILogger logger, string provider, int count, Exception exception);
}
