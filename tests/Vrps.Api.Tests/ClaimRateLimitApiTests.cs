using System.Net;
using System.Text;
using Vrps.Api.Auth;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: the claim limit keys on X-Forwarded-For only when the direct peer is a known proxy.</summary>
public sealed class ClaimRateLimitApiTests
{
    private const int Permits = 3;

    [Fact]
    public async Task Claim_ForgedForwardedForFromUntrustedPeer_StillRateLimited()
    {
        // The test client (127.0.0.1) is not among the known proxies: each claim pretends to be another client.
        await using var silo = await StartAsync("10.0.0.0/8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Permits; i++)
        {
            statuses.Add(await ClaimFromAsync(silo, $"198.51.100.{i + 1}"));
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(Permits));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[Permits]);
    }

    [Fact]
    public async Task Claim_ForwardedForFromKnownProxy_LimitsEachClientApart()
    {
        await using var silo = await StartAsync("127.0.0.1");
        for (var i = 0; i < Permits; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await ClaimFromAsync(silo, "198.51.100.1"));
        }

        var sameClient = await ClaimFromAsync(silo, "198.51.100.1");
        var otherClient = await ClaimFromAsync(silo, "198.51.100.2");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherClient);
    }

    private static async Task<ApiSilo> StartAsync(string knownProxy) =>
        await ApiSilo.StartAsync(
            await TestPostgres.CreateDatabaseAsync("claimlimit"),
            settings: ["--Vrps:Claims:PermitsPerWindow", $"{Permits}", "--Vrps:Claims:Window", "00:10:00", "--Vrps:Claims:KnownProxies:0", knownProxy]);

    /// <summary>A claim the endpoint refuses (no offer): only the limiter's verdict matters here.</summary>
    private static async Task<HttpStatusCode> ClaimFromAsync(ApiSilo silo, string forwardedFor)
    {
        using var anonymous = silo.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(TrustedProxies.ForwardedForHeader, forwardedFor);
        using var response = await anonymous.SendAsync(request);
        return response.StatusCode;
    }
}
