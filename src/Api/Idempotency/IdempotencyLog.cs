using Microsoft.Extensions.Logging;

namespace Vrps.Api.Idempotency;

internal static partial class IdempotencyLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Replayed the stored {Status} response for an idempotency key of API key {KeyId}")]
    public static partial void Replayed(ILogger logger, Guid keyId, int status);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Storing the response for an idempotency key of API key {KeyId} failed; a retry once the claim is abandoned runs the request again")]
    public static partial void StoreFailed(ILogger logger, Guid keyId, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Releasing the claim on an idempotency key of API key {KeyId} failed; it is re-claimable once abandoned")]
    public static partial void ReleaseFailed(ILogger logger, Guid keyId, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "An idempotency key of API key {KeyId} was re-claimed as abandoned while its request still ran; that response is not stored")]
    public static partial void ClaimLost(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Swept {Count} expired idempotency keys")]
    public static partial void Swept(ILogger logger, long count);
}
