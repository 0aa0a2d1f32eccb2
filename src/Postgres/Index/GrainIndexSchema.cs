using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Index;

/// <summary>The grain index's schema: its numbered SQL files, applied at silo start through <see cref="MigrateAtStart"/>.</summary>
internal static class GrainIndexSchema
{
    public const string Module = "grain-index";

    public static MigrationSet Migrations { get; } = new(Module, typeof(GrainIndexSchema).Assembly);
}
