using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Events;
using Vrps.Postgres.Index;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Deadlines;
using Vrps.Testing;

namespace Vrps.Postgres.Tests;

/// <summary>
/// One in-process silo (in-memory development membership) composed the way the product's is: the Vrps grain storage as
/// the default provider, the grain index, the event log with its stream provider, and deadlines, on a fresh database.
/// </summary>
internal sealed class ModuleCluster : IAsyncDisposable
{
    public const string StreamsName = "events";

    private ModuleCluster(InProcessTestCluster cluster, NpgsqlDataSource dataSource)
    {
        Cluster = cluster;
        DataSource = dataSource;
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The test's own connections, for looking at rows.</summary>
    public NpgsqlDataSource DataSource { get; }

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public static async Task<ModuleCluster> StartAsync(string prefix) =>
        await StartOnDatabaseAsync(await TestPostgres.CreateDatabaseAsync(prefix));

    /// <summary>Starts on an existing database: after another cluster on it has stopped, a silo restart.</summary>
    public static async Task<ModuleCluster> StartOnDatabaseAsync(string database)
    {
        // Small pools: test classes run side by side on one server whose connections are limited.
        var pooled = new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 20 }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 5 }.ConnectionString);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddVrpsGrainStorageAsDefault(options => options.ConnectionString = pooled);
            silo.AddPostgresGrainIndex(pooled);
            silo.AddEventLogStreams(StreamsName, pooled);
            silo.AddPostgresDeadlines(pooled, DeadlineCluster.TestDefaults);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await cluster.DisposeAsync();
            await dataSource.DisposeAsync();
            throw;
        }

        return new ModuleCluster(cluster, dataSource);
    }

    public T Service<T>()
        where T : notnull => SiloServices.GetRequiredService<T>();

    public async Task<long> CountAsync(string sql) => await ScalarAsync<long>(sql);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
