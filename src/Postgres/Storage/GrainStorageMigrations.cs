using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Storage;

/// <summary>The grain storage's schema: files under Storage/Migrations, embedded as migrations/grain-storage/.</summary>
internal static class GrainStorageMigrations
{
    public const string Module = "grain-storage";

    public static MigrationSet Set { get; } = new(Module, typeof(GrainStorageMigrations).Assembly);
}
