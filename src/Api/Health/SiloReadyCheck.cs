using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Runtime;

namespace Vrps.Api.Health;

/// <summary>
/// Ready when this silo is an active member of its cluster (Orleans' own membership view) and the database answers.
/// The report names this silo's status, its address and how many silos its view holds as active, so an operator can
/// tell a lone silo from one in a cluster.
/// </summary>
internal sealed class SiloReadyCheck(ILocalSiloDetails silo, IClusterMembershipService membership, NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var data = new Dictionary<string, object>
        {
            ["membership"] = status.ToString(),
            ["silo"] = silo.SiloAddress.ToParsableString(),
            ["activeSilos"] = snapshot.Members.Values.Count(static m => m.Status == SiloStatus.Active),
        };
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
