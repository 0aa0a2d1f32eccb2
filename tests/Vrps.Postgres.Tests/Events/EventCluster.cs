using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;
using Vrps.Postgres.Events;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Events;

/// <summary>
/// One in-process Orleans silo (in-memory development membership) with the Vrps grain storage and the event-log stream
/// provider on a real database. Several can be started one after another on the same database, as a silo restart.
/// </summary>
internal sealed class EventCluster : IAsyncDisposable
{
    public const string StorageName = "vrps";
    public const string StreamsName = "events";
    public const int QueueCount = 4;

    private EventCluster(InProcessTestCluster cluster)
    {
        Cluster = cluster;
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public static async Task<EventCluster> StartAsync(string connectionString, int queueCount = QueueCount, int batchSize = 500, int eventsPerDelivery = 100)
    {
        // Small pools: test classes run side by side on one server whose connections are limited.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddVrpsGrainStorage(StorageName, options => options.ConnectionString = pooled);
            silo.AddEventLogStreams(StreamsName, pooled, options =>
            {
                options.QueueCount = queueCount;
                options.BatchSize = batchSize;
                options.EventsPerDelivery = eventsPerDelivery;
            });
        });
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

        return new EventCluster(cluster);
    }

    /// <summary>Stops the silo the way a deployment does: pulling agents shut down, nothing more is delivered.</summary>
    public async Task StopAsync() => await Cluster.StopAllSilosAsync();

    /// <summary>Stops the silo the way a crash does: deliveries in flight are never reported delivered.</summary>
    public async Task KillAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.KillSiloAsync(silo);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Appends in a transaction of the test's own.</summary>
    public static async Task AppendDirectlyAsync(NpgsqlDataSource dataSource, string streamKey, int count, string type = EventTypes.Noted)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < count; i++)
        {
            EventLog.Append(EventSinkGrain.Namespace, streamKey, type, "{}", DateTimeOffset.UnixEpoch).AddTo(batch);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
