using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;
using Vrps.Postgres.Deadlines;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Deadlines;

/// <summary>
/// In-process Orleans silos (Orleans' in-memory development membership, so nothing depends on the clustering schema)
/// with deadlines on a real database and business time on a fake clock.
/// </summary>
public sealed class DeadlineCluster : IAsyncDisposable
{
    private DeadlineCluster(InProcessTestCluster cluster)
    {
        Cluster = cluster;
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public IDeadlines Deadlines => Cluster.Silos[0].ServiceProvider.GetRequiredService<IDeadlines>();

    /// <summary>Real-time loops fast enough for tests: leases and retry delays lapse on the database clock.</summary>
    public static void TestDefaults(DeadlineOptions options)
    {
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.RetryDelay = TimeSpan.FromMilliseconds(500);
        options.Lease = TimeSpan.FromSeconds(30);
    }

    public static async Task<DeadlineCluster> StartAsync(
        string connectionString,
        FakeTimeProvider clock,
        int silos = 1,
        Action<DeadlineOptions>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Logging.SetMinimumLevel(LogLevel.Warning);
            host.Services.AddKeyedSingleton<TimeProvider>(DeadlineSiloBuilderExtensions.BusinessTimeKey, clock);
        });
        builder.ConfigureSilo((_, silo) => silo.AddPostgresDeadlines(connectionString, options =>
        {
            TestDefaults(options);
            configure?.Invoke(options);
        }));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new DeadlineCluster(cluster);
    }

    /// <summary>Stops every silo without letting them finish what they do: fires in flight keep their leases.</summary>
    public async Task KillAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.KillSiloAsync(silo);
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <param name="key">The value of the query's @key parameter, if it has one.</param>
    public static async Task<long> CountAsync(string connectionString, string sql, string? key = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
