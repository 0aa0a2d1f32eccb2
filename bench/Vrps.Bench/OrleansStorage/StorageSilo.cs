using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Vrps.Bench.Common;
using Vrps.Postgres.AdoNet;
using Vrps.Postgres.Storage;

namespace Vrps.Bench.OrleansStorage;

/// <summary>
/// One Orleans silo on the bench's Postgres with the three providers under test side by side; grains are called
/// through the silo's own grain factory (co-hosted client), so no network hop adds to a write's latency.
/// </summary>
internal sealed class StorageSilo : IAsyncDisposable
{
    // Below the private Postgres' 200 connections with all three pools full.
    private const int PoolSize = 50;

    private readonly IHost host;

    private StorageSilo(IHost host)
    {
        this.host = host;
    }

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<StorageSilo> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = PoolSize }.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            // Our clustering also applies the stock providers' schema migration before membership starts.
            silo.UsePostgresClustering(pooled)
                .AddPostgresAdoNetGrainStorage(StorageUnderTest.AdoNetName)
                .AddVrpsGrainStorage(StorageUnderTest.UncoalescedName, o =>
                {
                    o.ConnectionString = pooled;
                    o.MaxBatchSize = 1;
                })
                .AddVrpsGrainStorage(StorageUnderTest.GroupCommitName, o => o.ConnectionString = pooled);

            // Free ports: other silos (tests, other benches) may be running on this machine.
            silo.Configure<EndpointOptions>(static o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = LoopbackPorts.Free();
                o.GatewayPort = LoopbackPorts.Free();
            });
            silo.Configure<ClusterOptions>(static o =>
            {
                o.ClusterId = "bench-storage";
                o.ServiceId = "bench-storage";
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new StorageSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        host.Dispose();
    }
}
