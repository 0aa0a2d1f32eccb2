using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Runtime;

namespace Vrps.Api.Health;

/// <summary>Ready when this silo is an active member of its cluster (Orleans' own membership view) and the database answers.</summary>
internal sealed class SiloReadyCheck(ILocalSiloDetails silo, IClusterMembershipService membership, NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var data = new Dictionary<string, object> { ["membership"] = status.ToString() };
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is not an active cluster member (it is {status}).", data: data);
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The silo is an active cluster member.", data);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception, data);
        }
    }
}
