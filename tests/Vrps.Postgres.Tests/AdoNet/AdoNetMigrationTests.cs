using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Vrps.Postgres.AdoNet;
using Vrps.Postgres.Migrations;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.AdoNet;

public sealed class AdoNetMigrationTests
{
    private const string AppliedSql = "SELECT count(*) FROM schema_migrations WHERE module = @module";
    private const int ModuleFiles = 4;

    // The keys the three stock providers look up in 10.4.2 (CleanupDefunctSiloEntryKey and DeleteStorageKey are optional).
    private static readonly string[] ProviderQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    [Fact]
    public async Task RunAsync_AppliedTwice_AppliesEachFileOnce()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("adonet_migrate_twice");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await Runner(dataSource).RunAsync(CancellationToken.None);
        await Runner(dataSource).RunAsync(CancellationToken.None);

        Assert.Equal((long)ModuleFiles, await AppliedAsync(connectionString));
    }

    [Fact]
    public async Task RunAsync_SeveralRunnersAtOnce_AppliesEachFileOnce()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("adonet_migrate_race");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Runner(dataSource).RunAsync(CancellationToken.None))));

        Assert.Equal((long)ModuleFiles, await AppliedAsync(connectionString));
    }

    [Fact]
    public async Task RunAsync_FreshDatabase_RegistersEveryQueryKeyTheProvidersNeed()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("adonet_migrate_keys");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await Runner(dataSource).RunAsync(CancellationToken.None);

        var keys = await Sql.ScalarAsync<string[]>(connectionString, "SELECT array_agg(querykey ORDER BY querykey) FROM orleansquery");

        Assert.Equal(ProviderQueryKeys.Order(StringComparer.Ordinal), keys);
    }

    private static MigrationRunner Runner(NpgsqlDataSource dataSource) =>
        new(dataSource, [OrleansAdoNetSchema.Migrations], NullLogger<MigrationRunner>.Instance);

    private static Task<long> AppliedAsync(string connectionString) =>
        Sql.ScalarAsync<long>(connectionString, AppliedSql, ("module", OrleansAdoNetSchema.Module));
}
