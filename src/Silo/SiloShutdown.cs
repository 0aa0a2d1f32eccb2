using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Vrps.Silo;

/// <summary>
/// How a silo stops on SIGTERM or Ctrl+C (issue 11). The host stops its services one at a time in reverse order of
/// start, and the web server started last, so it stops first: it closes its listener at once (a load balancer sees
/// the silo gone; readiness can no longer be reached) and lets the requests in flight finish while Orleans still runs.
/// Then Orleans stops gracefully: it deactivates the grains (their state is durable already; queued coalesced writes
/// drain), hands its stream queues over, and marks itself dead in the membership table, so the other silos take over
/// at once instead of waiting for missed probes. Both share one budget; past it the server aborts what is left and
/// Orleans stops as if killed. <c>ClusterFaultTests</c> holds a claim in flight across the signal to keep this order.
/// </summary>
public static class SiloShutdown
{
    /// <summary>The host's own setting for the budget (<c>--shutdownTimeoutSeconds</c>, env <c>shutdownTimeoutSeconds</c>).</summary>
    public const string TimeoutSecondsKey = "shutdownTimeoutSeconds";

    /// <summary>
    /// Generous: a claim takes well under a second and the event feed ends itself on shutdown, and under a claim load
    /// a silo exited within 3.5 s of its last request (README, "A cluster of silos"). The budget only bounds a stuck stop.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(HostOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        options.ShutdownTimeout = configuration.GetValue<int?>(TimeoutSecondsKey) is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTimeout;

        // One after the other, or Orleans would stop under the requests still draining.
        options.ServicesStopConcurrently = false;
    }
}
