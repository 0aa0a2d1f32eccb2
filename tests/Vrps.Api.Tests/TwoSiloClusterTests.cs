using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Vrps.Testing;
using Xunit.Abstractions;

namespace Vrps.Api.Tests;

/// <summary>
/// Two silo processes with one connection string form one cluster (issue 11): each serves the whole API, what is
/// created through one is read and changed through the other, and a claim through either counts on the same offer.
/// </summary>
public sealed class TwoSiloClusterTests(ITestOutputHelper output)
{
    private const string AdminKey = "two-silo-admin-key";
    // With a connection string the silos start no private Postgres, so this directory is never created.
    private readonly string unusedDataDirectory = Path.Combine(Path.GetTempPath(), "vrps-two-silos-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task TwoSilosOnOnePostgres_WhatOneCreatesTheOtherReadsAndChanges()
    {
        using var cluster = await ClusterOfTwo.StartAsync("two_silos", unusedDataDirectory);
        var (a, b, httpA, httpB) = (cluster.First, cluster.Second, cluster.FirstHttp, cluster.SecondHttp);

        var customer = (await httpA.PostOkAsync("/api/customers", new { name = "Cluster Co" })).Id();
        Assert.Equal("Cluster Co", (await httpB.GetOkAsync($"/api/customers/{customer}")).GetProperty("name").GetString());
        await httpB.SendOkAsync(HttpMethod.Patch, $"/api/customers/{customer}", new { name = "Cluster Company" });
        Assert.Equal("Cluster Company", (await httpA.GetOkAsync($"/api/customers/{customer}")).GetProperty("name").GetString());

        var lot = await PublicLot.CreateAsync(httpA, "Cluster");
        using var anonymousB = new HttpClient { BaseAddress = httpB.BaseAddress };
        using var claimedThroughB = await anonymousB.PostAsync(
            "/api/claims", System.Net.Http.Json.JsonContent.Create(new { offerId = lot.OfferId, lotId = lot.LotId, phone = "+15550123001", plate = "CLU5TR" }));
        Assert.Equal(HttpStatusCode.Created, claimedThroughB.StatusCode);
        // The claim confirms the offer's hold with a one-way call, which may reach the offer after this read.
        await Eventually.HoldsAsync(
            async () => (await httpA.GetOkAsync($"/api/offers/{lot.OfferId}")).GetProperty("claimedCount").GetInt32() == 1,
            "the offer, read through the other silo, counts the pass");

        Assert.Equal(0, await b.InterruptAsync());
        Assert.Equal(0, await a.InterruptAsync());
    }

    [Fact]
    public async Task OneSiloKilled_ItsGrainsAndDeadlinesServeFromTheSurvivorWithinFiveSecondsAndNoCallIsA500()
    {
        // Everything is made while the doomed silo runs alone, so every grain of it is active there.
        PublicLot? lot = null;
        var urls = new List<string>();
        DateTimeOffset expiresAt;
        Guid expiring;
        using var cluster = await ClusterOfTwo.StartAsync("silo_failover", unusedDataDirectory, async httpDoomed =>
        {
            lot = await PublicLot.CreateAsync(httpDoomed, "Failover");
            urls.AddRange([$"/api/offers/{lot.OfferId}", $"/api/lots/{lot.LotId}"]);
            for (var i = 0; i < 20; i++)
            {
                urls.Add($"/api/customers/{(await httpDoomed.PostOkAsync("/api/customers", new { name = $"Failover {i}" })).Id()}");
            }
        });
        var (doomed, survivor, httpSurvivor) = (cluster.First, cluster.Second, cluster.SecondHttp);

        // A deadline that falls due after the kill: an offer's expiry, staged through the doomed silo just before it.
        expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        expiring = (await cluster.FirstHttp.PostOkAsync(
            $"/api/lots/{lot!.LotId}/offers", new { kind = "group", passTypeId = lot.PassTypeId, capacity = 5, expiresAt })).Id();
        urls.Add($"/api/offers/{expiring}");
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the expiry fell due before the kill");

        await doomed.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        var refused = 0;
        while (true)
        {
            var statuses = await Task.WhenAll(urls.Select(async url =>
            {
                using var response = await httpSurvivor.GetAsync(url);
                return response.StatusCode;
            }));
            Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)s}"));
            refused += statuses.Count(static s => s != HttpStatusCode.OK);
            if (statuses.All(static s => s == HttpStatusCode.OK))
            {
                break;
            }

            Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(30), "the survivor never served the killed silo's grains");
            await Task.Delay(100);
        }

        var failover = sinceKill.Elapsed;
        output.WriteLine($"kill -9 to every grain served by the survivor: {failover.TotalSeconds:N2} s ({refused} calls answered 503 meanwhile)");
        Assert.True(refused > 0, "no grain lived on the killed silo, so nothing failed over");
        Assert.True(failover <= TimeSpan.FromSeconds(5), $"the killed silo's grains served again after {failover.TotalSeconds:N1} s");

        // The survivor fires the dead silo's deadline within 5 s of its due time.
        await Eventually.HoldsAsync(
            async () => (await httpSurvivor.GetOkAsync($"/api/offers/{expiring}")).GetProperty("status").GetString() == "expired",
            "the offer's expiry fires on the survivor", expiresAt.AddSeconds(10) - DateTimeOffset.UtcNow);
        var late = DateTimeOffset.UtcNow - expiresAt;
        output.WriteLine($"the offer's expiry, due after the kill, fired on the survivor {late.TotalSeconds:N2} s after its due time (or earlier)");
        Assert.True(late <= TimeSpan.FromSeconds(5), $"the expiry fired {late.TotalSeconds:N1} s after it fell due");

        using var anonymous = new HttpClient { BaseAddress = httpSurvivor.BaseAddress };
        using var claim = await anonymous.PostAsync(
            "/api/claims", System.Net.Http.Json.JsonContent.Create(new { offerId = lot.OfferId, lotId = lot.LotId, phone = "+15550123002", plate = "FA1L0VR" }));
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        Assert.Equal(0, await survivor.InterruptAsync());
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return report.GetProperty("checks").GetProperty("silo").GetProperty("data").GetProperty("activeSilos").GetInt32();
    }

    /// <summary>Two silo processes on one new database, each with an admin client, started once both see both as active.</summary>
    private sealed class ClusterOfTwo(SiloProcess first, SiloProcess second) : IDisposable
    {
        public SiloProcess First => first;

        public SiloProcess Second => second;

        public HttpClient FirstHttp { get; } = Client(first);

        public HttpClient SecondHttp { get; } = Client(second);

        /// <param name="beforeSecond">Run against the first silo before the second starts: what it creates lives there.</param>
        public static async Task<ClusterOfTwo> StartAsync(string database, string dataDirectory, Func<HttpClient, Task>? beforeSecond = null)
        {
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = await TestPostgres.CreateDatabaseAsync(database),
                ["Vrps__BootstrapAdminKey"] = AdminKey,
            };
            var firstSilo = SiloProcess.Start(dataDirectory, SiloProcess.FreePort(), environment);
            using (var firstHttp = Client(firstSilo))
            {
                try
                {
                    await firstSilo.WaitUntilReadyAsync(firstHttp);
                    await (beforeSecond?.Invoke(firstHttp) ?? Task.CompletedTask);
                }
                catch
                {
                    firstSilo.Dispose();
                    throw;
                }
            }

            var cluster = new ClusterOfTwo(firstSilo, SiloProcess.Start(dataDirectory, SiloProcess.FreePort(), environment));
            try
            {
                await cluster.Second.WaitUntilReadyAsync(cluster.SecondHttp);
                await Eventually.HoldsAsync(
                    async () => await ActiveSilosAsync(cluster.FirstHttp) == 2 && await ActiveSilosAsync(cluster.SecondHttp) == 2,
                    "each silo's membership view holds both as active");
                return cluster;
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            FirstHttp.Dispose();
            SecondHttp.Dispose();
            first.Dispose();
            second.Dispose();
        }

        private static HttpClient Client(SiloProcess silo)
        {
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.Port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
            return http;
        }
    }
}
