using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Deadlines;

/// <summary>The deadlines' schema: its numbered SQL files, applied at silo start through <see cref="MigrateAtStart"/>.</summary>
internal static class DeadlineSchema
{
    public const string Module = "deadlines";

    public static MigrationSet Migrations { get; } = new(Module, typeof(DeadlineSchema).Assembly);
}
