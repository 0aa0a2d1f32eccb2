using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Vrps.Postgres.AdoNet;

namespace Vrps.Postgres.Tests.AdoNet;

/// <summary>The test cluster's client finds its gateways in our membership table.</summary>
public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration[AdoNetCluster.ConnectionStringKey]
            ?? throw new InvalidOperationException("The test cluster was built without a connection string.");
        clientBuilder.UsePostgresClustering(connectionString);
    }
}
