using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.AdoNet;

public sealed class AdoNetClusteringTests
{
    private const int Active = 3;
    private const int Dead = 6;
    private const string StatusCountSql =
        "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = @status";

    [Fact]
    public async Task UsePostgresClustering_TwoSilos_BothActiveAndClientReachesGrain()
    {
        var (cluster, connectionString) = await AdoNetCluster.StartAsync("adonet_two_silos", silos: 2);
        await using (cluster)
        {
            await Eventually.HoldsAsync(
                async () => await CountAsync(connectionString, cluster, Active) == 2,
                "both silos are Active in orleans_membership");

            var reply = await cluster.Client.GetGrain<IPingGrain>("0042").PingAsync();

            Assert.Equal("pong 0042", reply);
        }
    }

    [Fact]
    public async Task UsePostgresClustering_SiloKilled_SurvivorDeclaresItDead()
    {
        var (cluster, connectionString) = await AdoNetCluster.StartAsync("adonet_kill", silos: 2);
        await using (cluster)
        {
            await Eventually.HoldsAsync(
                async () => await CountAsync(connectionString, cluster, Active) == 2,
                "both silos are Active in orleans_membership");

            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);

            await Eventually.HoldsAsync(
                async () => await CountAsync(connectionString, cluster, Dead) == 1
                    && await CountAsync(connectionString, cluster, Active) == 1,
                "the killed silo is Dead and the survivor Active",
                TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesAsync_KilledSiloDead_RemovesOnlyItsRow()
    {
        var (cluster, connectionString) = await AdoNetCluster.StartAsync("adonet_cleanup", silos: 2);
        await using (cluster)
        {
            await Eventually.HoldsAsync(
                async () => await CountAsync(connectionString, cluster, Active) == 2,
                "both silos are Active in orleans_membership");
            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            await Eventually.HoldsAsync(
                async () => await CountAsync(connectionString, cluster, Dead) == 1,
                "the killed silo is Dead",
                TimeSpan.FromSeconds(30));
            var table = cluster.GetSiloServiceProvider().GetRequiredService<IMembershipTable>();

            // Orleans re-reads the row and deletes it only if the captured times and votes still match.
            await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));

            Assert.Equal(0L, await CountAsync(connectionString, cluster, Dead));
            Assert.Equal(1L, await CountAsync(connectionString, cluster, Active));
        }
    }

    private static Task<long> CountAsync(string connectionString, TestCluster cluster, int status) =>
        Sql.ScalarAsync<long>(connectionString, StatusCountSql, ("cluster", cluster.Options.ClusterId), ("status", status));
}
