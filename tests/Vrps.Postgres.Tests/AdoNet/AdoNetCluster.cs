using Orleans.TestingHost;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.AdoNet;

/// <summary>
/// Starts a TestCluster of in-process silos on a fresh database, with Orleans' own test membership switched off so the
/// silos really meet through our ADO.NET clustering (InProcessTestCluster always substitutes its in-memory table).
/// </summary>
internal static class AdoNetCluster
{
    public const string ConnectionStringKey = "VrpsTestPostgres";
    public const string StorageName = "adonet";
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    public static async Task<(TestCluster Cluster, string ConnectionString)> StartAsync(string prefix, short silos)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(prefix);
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return (cluster, connectionString);
    }
}
