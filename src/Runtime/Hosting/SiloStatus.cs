namespace Vrps.Runtime.Hosting;

/// <summary>Whether the silo has applied its migrations and started its background services (for readiness probes).</summary>
public sealed class SiloStatus
{
    private volatile bool ready;

    public bool IsReady => ready;

    internal void MarkReady() => ready = true;

    internal void MarkStopping() => ready = false;
}
