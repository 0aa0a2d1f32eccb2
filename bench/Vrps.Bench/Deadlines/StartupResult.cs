namespace Vrps.Bench.Deadlines;

/// <summary>One silo start-up: times from the process launch, memory once the stored timers are loaded.</summary>
internal sealed record StartupResult(
    string Provider,
    string Case,
    int Stored,
    double LaunchToStartedMs,
    double HostStartMs,
    double LaunchToLoadedMs,
    double GcHeapMiB,
    double WorkingSetMiB,
    double PeakWorkingSetMiB,
    double AllocatedMiB)
{
    private const double MiB = 1024 * 1024;

    public static StartupResult Of(string provider, string startupCase, int stored, DateTimeOffset launchedAt, SiloReady ready) => new(
        provider,
        startupCase,
        stored,
        (ready.HostStarted - launchedAt).TotalMilliseconds,
        (ready.HostStarted - ready.HostStarting).TotalMilliseconds,
        (ready.TimersLoaded - launchedAt).TotalMilliseconds,
        ready.Memory.GcHeapBytes / MiB,
        ready.Memory.WorkingSetBytes / MiB,
        ready.Memory.PeakWorkingSetBytes / MiB,
        ready.Memory.AllocatedBytes / MiB);
}
