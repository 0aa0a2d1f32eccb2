using Vrps.Postgres.Migrations;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Migrations;

public sealed class MigrateAtStartTests
{
    private const string AppliedModules = "SELECT array_agg(DISTINCT module ORDER BY module) FROM schema_migrations";
    private const string AppliedFiles = "SELECT count(*) FROM schema_migrations";

    [Fact]
    public async Task SiloStart_TwiceOnOneDatabase_AppliesEveryRegisteredModuleOnce()
    {
        var database = await TestPostgres.CreateDatabaseAsync("migrate_at_start");
        string[] registered;
        string[] applied;
        long files;
        await using (var first = await ModuleCluster.StartOnDatabaseAsync(database))
        {
            registered = [.. first.Service<IEnumerable<MigrationSet>>().Select(static set => set.Module).Order(StringComparer.Ordinal)];
            applied = await first.ScalarAsync<string[]>(AppliedModules);
            files = await first.CountAsync(AppliedFiles);
        }

        await using var second = await ModuleCluster.StartOnDatabaseAsync(database);

        Assert.Equal(registered, applied);
        Assert.Equal(files, await second.CountAsync(AppliedFiles));
    }
}
