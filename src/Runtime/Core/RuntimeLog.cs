using Microsoft.Extensions.Logging;

namespace Vrps.Runtime.Core;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Activation of grain {Grain} failed; its queued calls fail with the error")]
    public static partial void ActivationFailed(ILogger logger, string grain, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {Grain} failed")]
    public static partial void DeactivationFailed(ILogger logger, string grain, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Grain {Grain} deactivated ({Reason})")]
    public static partial void Deactivated(ILogger logger, string grain, DeactivationReason reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Event consumer {Consumer} failed (attempt {Attempt}); it will see the same events again")]
    public static partial void ConsumerFailed(ILogger logger, string consumer, int attempt, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Silo started: {Grains} grain types, migrations applied in {Elapsed} ms")]
    public static partial void SiloStarted(ILogger logger, int grains, long elapsed);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Shutdown timed out with {Count} activations still busy; queued writes are drained and the silo stops")]
    public static partial void ShutdownTimedOut(ILogger logger, int count);
}
