using System.Net;
using System.Net.Sockets;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// Which addresses a webhook may be delivered to: public unicast ones only. A delivery is a request we make on a
/// tenant's behalf; aimed inside our network it could reach the database, the cloud metadata service or admin ports.
/// </summary>
internal static class WebhookTargetRules
{
    private const string Refused = "webhooks are delivered only to public internet addresses";

    // IANA's special-purpose registries, less what is public (e.g. 192.88.99.0/24 relays) or checked by its
    // embedded IPv4 address below.
    private static readonly (IPNetwork Network, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (this-network) address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved or broadcast address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local NAT64 address"),
        (IPNetwork.Parse("100::/64"), "a discard address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("fc00::/7"), "a unique local (private) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    // IPv6 forms that carry an IPv4 address a host or a gateway would connect to: IPv4-compatible (::a.b.c.d) and
    // NAT64 (64:ff9b::a.b.c.d) in their last 32 bits, 6to4 (2002:aabb:ccdd::) in bits 16–47. IPv4-mapped
    // (::ffff:a.b.c.d) is handled by IPAddress.MapToIPv4.
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>What kind of address this is when a webhook may not target it; null when it may.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Refusal(address.MapToIPv4());
        }

        foreach (var (network, kind) in Ranges)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return Embedded(address) is { } embedded ? Refusal(embedded) : null;
    }

    /// <summary>
    /// Why a webhook may not target <paramref name="host"/>, which resolved to <paramref name="addresses"/>; null when
    /// it may. One refused address refuses the host: the connection could be made to any of them.
    /// </summary>
    public static string? Refusal(string host, IEnumerable<IPAddress> addresses)
    {
        if (IsLocalName(host))
        {
            return $"{host} names this machine; {Refused}.";
        }

        foreach (var address in addresses)
        {
            if (Refusal(address) is { } kind)
            {
                return IPAddress.TryParse(host, out var literal) && literal.Equals(address)
                    ? $"{address} is {kind}; {Refused}."
                    : $"{host} resolves to {address}, {kind}; {Refused}.";
            }
        }

        return null;
    }

    /// <summary>
    /// localhost and its subdomains (RFC 6761): resolvers may answer them with loopback without asking DNS, so they
    /// are refused by name.
    /// </summary>
    public static bool IsLocalName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Compatible.Contains(address) || Nat64.Contains(address))
        {
            return new IPAddress(bytes[12..]);
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes[2..6]) : null;
    }
}
