using System.Net;
using Microsoft.Extensions.Primitives;
using Vrps.Api.Auth;

namespace Vrps.Api.Tests;

/// <summary>Which address a claim comes from: <c>X-Forwarded-For</c> counts only behind a trusted proxy.</summary>
public sealed class TrustedProxiesTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void ClientOf_NoKnownProxies_IgnoresForwardedFor() =>
        Assert.Equal(Proxy, TrustedProxies.Parse([]).ClientOf(Proxy, "198.51.100.1"));

    [Fact]
    public void ClientOf_UntrustedPeerForgesForwardedFor_IsThePeer() =>
        Assert.Equal(Stranger, TrustedProxies.Parse(["10.0.0.0/8"]).ClientOf(Stranger, "198.51.100.1"));

    [Fact]
    public void ClientOf_TrustedPeer_IsTheForwardedClient() =>
        Assert.Equal(IPAddress.Parse("198.51.100.1"), TrustedProxies.Parse(["10.0.0.5"]).ClientOf(Proxy, "198.51.100.1"));

    [Fact]
    public void ClientOf_ClientPrependsForgedHops_IsTheRightmostUntrustedHop()
    {
        // The client sent "1.1.1.1"; its own address was appended by the proxy: the forged hop on the left never counts.
        var client = TrustedProxies.Parse(["10.0.0.0/8"]).ClientOf(Proxy, "1.1.1.1, 198.51.100.1");

        Assert.Equal(IPAddress.Parse("198.51.100.1"), client);
    }

    [Fact]
    public void ClientOf_ChainOfTrustedProxies_SkipsThemAll()
    {
        var client = TrustedProxies.Parse(["10.0.0.0/8"]).ClientOf(Proxy, new StringValues(["198.51.100.1, 10.1.1.1", "10.2.2.2"]));

        Assert.Equal(IPAddress.Parse("198.51.100.1"), client);
    }

    [Fact]
    public void ClientOf_UnreadableHop_IsTheLastTrustedAddress() =>
        Assert.Equal(IPAddress.Parse("10.1.1.1"), TrustedProxies.Parse(["10.0.0.0/8"]).ClientOf(Proxy, "198.51.100.1, junk, 10.1.1.1"));

    [Fact]
    public void ClientOf_TrustedPeerWithoutHeader_IsThePeer() =>
        Assert.Equal(Proxy, TrustedProxies.Parse(["10.0.0.5"]).ClientOf(Proxy, StringValues.Empty));

    [Fact]
    public void ClientOf_HopWithPort_IsItsAddress() =>
        Assert.Equal(IPAddress.Parse("2001:db8::1"), TrustedProxies.Parse(["10.0.0.5"]).ClientOf(Proxy, "[2001:db8::1]:4711"));

    [Fact]
    public void ClientOf_IPv4MappedPeer_MatchesTheIPv4Proxy() =>
        Assert.Equal(IPAddress.Parse("198.51.100.1"), TrustedProxies.Parse(["10.0.0.5"]).ClientOf(Proxy.MapToIPv6(), "198.51.100.1"));

    [Fact]
    public void ClientOf_NoPeer_IsNull() =>
        Assert.Null(TrustedProxies.Parse(["10.0.0.5"]).ClientOf(null, "198.51.100.1"));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.0/8")]
    [InlineData("::1")]
    [InlineData("2001:db8::/32")]
    public void TryParseNetwork_AddressOrCidr_IsAccepted(string entry) => Assert.True(TrustedProxies.TryParseNetwork(entry, out _));

    [Theory]
    [InlineData("proxy.example")]
    [InlineData("10.0.0.0/33")]
    [InlineData("")]
    public void TryParseNetwork_Other_IsRefused(string entry) => Assert.False(TrustedProxies.TryParseNetwork(entry, out _));
}
