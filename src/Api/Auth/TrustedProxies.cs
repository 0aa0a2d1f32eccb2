using System.Net;
using Microsoft.Extensions.Primitives;

namespace Vrps.Api.Auth;

/// <summary>
/// Which address a request comes from, for per-client limits behind a reverse proxy. <c>X-Forwarded-For</c> is anyone's
/// to write, so it is believed only as far as the chain of hops is known: the direct peer must be one of the trusted
/// proxies, and the header is then read from the right (the hop nearest to us) while each hop is trusted too; the first
/// hop that is not a trusted proxy is the client. A peer that is not a trusted proxy is the client, whatever it sends.
/// </summary>
public sealed class TrustedProxies
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    private readonly IReadOnlyList<IPNetwork> networks;

    public TrustedProxies(IEnumerable<IPNetwork> networks) => this.networks = [.. networks];

    /// <summary>Reads <c>Vrps:Claims:KnownProxies</c> entries: IP addresses or CIDR networks.</summary>
    public static TrustedProxies Parse(IEnumerable<string> entries) =>
        new(entries.Select(static entry => TryParseNetwork(entry, out var network)
            ? network
            : throw new FormatException($"'{entry}' is neither an IP address nor a CIDR network such as 10.0.0.0/8.")));

    /// <summary>An IP address (a network of that one address) or a CIDR network.</summary>
    public static bool TryParseNetwork(string? entry, out IPNetwork network)
    {
        var text = entry?.Trim() ?? "";
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            address = Canonical(address);
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }

    /// <summary>The client's address: <paramref name="peer"/>, or a forwarded one when every hop after it is trusted.</summary>
    public IPAddress? ClientOf(IPAddress? peer, StringValues forwardedFor)
    {
        if (peer is null)
        {
            return null;
        }

        var client = Canonical(peer);
        if (!Trusts(client))
        {
            return client;
        }

        var hops = forwardedFor.SelectMany(static value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            // A hop we cannot read ends what we can believe: the last trusted address stands for the client.
            if (!IPEndPoint.TryParse(hops[i], out var hop))
            {
                return client;
            }

            client = Canonical(hop.Address);
            if (!Trusts(client))
            {
                return client;
            }
        }

        return client;
    }

    private bool Trusts(IPAddress address)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; one address must have one spelling to match and to key by.
    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
