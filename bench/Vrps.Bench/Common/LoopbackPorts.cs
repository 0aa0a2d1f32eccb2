using System.Net;
using System.Net.Sockets;

namespace Vrps.Bench.Common;

/// <summary>Free loopback ports for a silo's own endpoints: other silos (tests, other benches) may run on this machine.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
