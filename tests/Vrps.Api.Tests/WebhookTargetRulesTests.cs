using System.Net;
using Vrps.Grains.Webhooks;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: which addresses a webhook may target, pure: no runtime, no network.</summary>
public sealed class WebhookTargetRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.255.254", "a loopback address")]
    [InlineData("10.0.0.1", "a private address")]
    [InlineData("10.255.255.255", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("100.127.255.255", "a shared (carrier-grade NAT) address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("0.0.0.0", "an unspecified (this-network) address")]
    [InlineData("0.1.2.3", "an unspecified (this-network) address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("255.255.255.255", "a reserved or broadcast address")]
    [InlineData("240.0.0.1", "a reserved or broadcast address")]
    [InlineData("192.0.0.8", "an IETF protocol address")]
    [InlineData("198.18.0.1", "a benchmarking address")]
    [InlineData("192.0.2.1", "a documentation address")]
    public void Refusal_NonPublicIPv4_NamesTheKind(string address, string kind)
    {
        Assert.Equal(kind, WebhookTargetRules.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::1", "a loopback address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("fc00::1", "a unique local (private) address")]
    [InlineData("fd12:3456:789a::1", "a unique local (private) address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fe80::1%2", "a link-local address")]
    [InlineData("febf::1", "a link-local address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("2001:db8::1", "a documentation address")]
    [InlineData("100::1", "a discard address")]
    [InlineData("64:ff9b:1::1", "a local NAT64 address")]
    public void Refusal_NonPublicIPv6_NamesTheKind(string address, string kind)
    {
        Assert.Equal(kind, WebhookTargetRules.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("::ffff:7f00:1", "a loopback address")]
    [InlineData("::ffff:10.0.0.1", "a private address")]
    [InlineData("::ffff:172.16.0.1", "a private address")]
    [InlineData("::ffff:192.168.0.1", "a private address")]
    [InlineData("::ffff:100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("::ffff:169.254.169.254", "a link-local address")]
    [InlineData("::ffff:0.0.0.0", "an unspecified (this-network) address")]
    [InlineData("::ffff:224.0.0.1", "a multicast address")]
    [InlineData("::127.0.0.1", "a loopback address")]
    [InlineData("64:ff9b::a9fe:a9fe", "a link-local address")]
    [InlineData("64:ff9b::10.0.0.1", "a private address")]
    [InlineData("2002:7f00:1::", "a loopback address")]
    [InlineData("2002:c0a8:101::1", "a private address")]
    public void Refusal_IPv6CarryingANonPublicIPv4_NamesTheIPv4Kind(string address, string kind)
    {
        Assert.Equal(kind, WebhookTargetRules.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("fbff::1")]
    [InlineData("fe00::1")]
    public void Refusal_PublicAddress_IsNull(string address)
    {
        Assert.Null(WebhookTargetRules.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://127.1/")]
    [InlineData("http://0/")]
    [InlineData("http://[::ffff:7f00:1]/")]
    [InlineData("http://[::]/")]
    [InlineData("http://[fe80::1%25eth0]/")]
    public void Refusal_DisguisedAddressLiteralInUrl_IsRefused(string url)
    {
        // .NET's Uri reads these as IP literals (127.0.0.1, 0.0.0.0, …); the host is what a connection would use.
        var host = new Uri(url).IdnHost;

        Assert.True(IPAddress.TryParse(host, out var address), host);
        Assert.NotNull(WebhookTargetRules.Refusal(host, [address]));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    [InlineData("localhost.")]
    [InlineData("api.localhost")]
    [InlineData("a.b.localhost.")]
    public void Refusal_LocalhostName_IsRefusedWhateverItResolvesTo(string host)
    {
        Assert.Equal($"{host} names this machine; webhooks are delivered only to public internet addresses.",
            WebhookTargetRules.Refusal(host, [IPAddress.Parse("8.8.8.8")]));
    }

    [Theory]
    [InlineData("localhost.example.com")]
    [InlineData("mylocalhost")]
    [InlineData("receiver.example")]
    public void IsLocalName_OtherNames_IsFalse(string host)
    {
        Assert.False(WebhookTargetRules.IsLocalName(host));
    }

    [Fact]
    public void Refusal_NameResolvingToAPublicAndAPrivateAddress_IsRefused()
    {
        var refusal = WebhookTargetRules.Refusal("rebind.example", [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.5")]);

        Assert.Equal("rebind.example resolves to 10.0.0.5, a private address; webhooks are delivered only to public internet addresses.", refusal);
    }

    [Fact]
    public void Refusal_AddressLiteral_SaysTheAddressIsOfTheKind()
    {
        Assert.Equal("127.0.0.1 is a loopback address; webhooks are delivered only to public internet addresses.",
            WebhookTargetRules.Refusal("127.0.0.1", [IPAddress.Loopback]));
    }

    [Fact]
    public void Refusal_NameResolvingOnlyToPublicAddresses_IsNull()
    {
        Assert.Null(WebhookTargetRules.Refusal("receiver.example", [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]));
    }
}
