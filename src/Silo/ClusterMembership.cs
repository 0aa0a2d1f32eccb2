using Orleans.Configuration;

namespace Vrps.Silo;

/// <summary>
/// How fast a silo that died is found dead, so its grains serve from the survivors (issue 11: within 5 s). Orleans'
/// defaults (5 s probes, three missed) took 10–18 s here. Each setting can still be overridden under
/// <c>Orleans:Membership</c> (e.g. <c>Orleans__Membership__ProbeTimeout</c>).
/// </summary>
public static class ClusterMembership
{
    public static void ApplyDefaults(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A probe a second, two missed: a killed silo refuses connections at once, so it is suspected after about two
        // seconds, and with two silos the survivor's own vote declares it dead.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;

        // Silos that missed the news (gossip lost) still learn of a death from the table within seconds, and the
        // table's heartbeats show a stale entry within seconds too.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }
}
