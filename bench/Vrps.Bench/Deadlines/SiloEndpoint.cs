using Vrps.Bench.Common;

namespace Vrps.Bench.Deadlines;

/// <summary>A silo's two ports; a restarted silo gets the same ones back.</summary>
internal sealed record SiloEndpoint(int SiloPort, int GatewayPort)
{
    public static SiloEndpoint Free() => new(LoopbackPorts.Free(), LoopbackPorts.Free());
}
