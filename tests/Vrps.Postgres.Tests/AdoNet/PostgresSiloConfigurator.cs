using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using Vrps.Postgres.AdoNet;

namespace Vrps.Postgres.Tests.AdoNet;

/// <summary>Silo of a test cluster on our Postgres clustering, reminders and the stock ADO.NET storage "adonet".</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[AdoNetCluster.ConnectionStringKey]
            ?? throw new InvalidOperationException("The test cluster was built without a connection string.");
        siloBuilder
            .UsePostgresClustering(connectionString)
            .UsePostgresReminders()
            .AddPostgresAdoNetGrainStorage(AdoNetCluster.StorageName);

        // Fast failure detection, so a killed silo is declared dead within seconds rather than the production minute.
        siloBuilder.Configure<ClusterMembershipOptions>(static o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
        });
        siloBuilder.Configure<ReminderOptions>(static o => o.MinimumReminderPeriod = AdoNetCluster.ReminderPeriod);
    }
}
