using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Vrps.Runtime.Hosting;

namespace Vrps.Api.Health;

/// <summary>Ready when the silo has started (schema applied) and the database answers.</summary>
internal sealed class SiloReadyCheck(SiloStatus status, NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsReady)
        {
            return HealthCheckResult.Unhealthy("The silo is starting or stopping.");
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
