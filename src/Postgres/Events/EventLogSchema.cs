using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Events;

/// <summary>The event log's schema: its numbered SQL files, applied at silo start through <see cref="MigrateAtStart"/>.</summary>
internal static class EventLogSchema
{
    public const string Module = "event-log";

    public static MigrationSet Migrations { get; } = new(Module, typeof(EventLogSchema).Assembly);
}
