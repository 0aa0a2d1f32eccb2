using Microsoft.Extensions.Logging;

namespace Vrps.Postgres.Migrations;

internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Applied migration {Module} {Version} ({Name})")]
    public static partial void Applied(ILogger logger, string module, int version, string name);
}
