using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;
using Vrps.Postgres.Storage;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>
/// One in-process Orleans silo (the TestingHost's in-memory membership, so no clustering schema is needed) with the
/// Vrps grain storage on a fresh database, and a table for the test effect's rows.
/// </summary>
internal sealed class StorageCluster : IAsyncDisposable
{
    public const string ProviderName = "vrps";

    private const string CreateEffectsTable = """
        CREATE TABLE test_effects (
            marker text PRIMARY KEY CHECK (marker <> 'poison'))
        """;

    private StorageCluster(InProcessTestCluster cluster, NpgsqlDataSource dataSource, StorageMetricsProbe metrics)
    {
        Cluster = cluster;
        DataSource = dataSource;
        Metrics = metrics;
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The test's own connections, for looking at rows and for making Postgres refuse a transaction.</summary>
    public NpgsqlDataSource DataSource { get; }

    public StorageMetricsProbe Metrics { get; }

    public static async Task<StorageCluster> StartAsync(string prefix, int maxBatchSize = VrpsGrainStorageOptions.DefaultMaxBatchSize)
    {
        // Small pools: test classes run side by side on one server whose connections are limited.
        var database = await TestPostgres.CreateDatabaseAsync(prefix);
        var connectionString = new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 20 }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 10 }.ConnectionString);
        await using (var create = dataSource.CreateCommand(CreateEffectsTable))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddVrpsGrainStorage(ProviderName, options =>
            {
                options.ConnectionString = connectionString;
                options.MaxBatchSize = maxBatchSize;
            });
            silo.AddVrpsGrainStorageAsDefault(options => options.ConnectionString = connectionString);
        });

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            await dataSource.DisposeAsync();
            throw;
        }

        var meterFactory = cluster.GetSiloServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new StorageCluster(cluster, dataSource, new StorageMetricsProbe(meterFactory, ProviderName));
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The stored counter value of a state row, or null when there is none (or only a tombstone).</summary>
    public Task<long?> StoredValueAsync(string grainType, string grainKey) => ScalarAsync<long?>(
        "SELECT (payload->>'value')::bigint FROM grain_storage WHERE grain_type = $1 AND grain_key = $2 AND state_name = 'counter'",
        grainType,
        grainKey);

    public async Task<long> EffectCountAsync(string markerPrefix) =>
        (await ScalarAsync<long>("SELECT count(*) FROM test_effects WHERE marker LIKE $1 || '%'", markerPrefix));

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
