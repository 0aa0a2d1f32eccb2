using Microsoft.Extensions.Logging;

namespace Vrps.Postgres.Hosting;

internal static partial class LocalPostgresLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Using PostgreSQL binaries from {BinDirectory}")]
    public static partial void UsingBinaries(ILogger logger, string binDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Initializing a new PostgreSQL cluster in {DataDirectory}")]
    public static partial void InitializingCluster(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Starting PostgreSQL in {DataDirectory} on 127.0.0.1:{Port}")]
    public static partial void Starting(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "PostgreSQL could not bind port {Port}, which another process took after it was chosen; retrying with another port")]
    public static partial void PortTaken(ILogger logger, int port);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Reusing the PostgreSQL server already running in {DataDirectory} (pid {Pid}, port {Port})")]
    public static partial void Reusing(ILogger logger, string dataDirectory, int pid, int port);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "The running PostgreSQL server listens on port {RunningPort}, not the configured port {ConfiguredPort}; using {RunningPort}")]
    public static partial void PortMismatch(ILogger logger, int runningPort, int configuredPort);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "PostgreSQL is accepting connections on 127.0.0.1:{Port}")]
    public static partial void Ready(ILogger logger, int port);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Created database {Database}")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Stopping PostgreSQL in {DataDirectory}")]
    public static partial void Stopping(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "PostgreSQL in {DataDirectory} stopped")]
    public static partial void Stopped(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Could not shut down the PostgreSQL server left behind by a failed start in {DataDirectory}")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string dataDirectory);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Ran {Command}: exit code {ExitCode}")]
    public static partial void Ran(ILogger logger, string command, int exitCode);
}
