using System.Net;
using System.Text.Json;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Two silo processes with one connection string form one cluster (issue 11): each serves the whole API, what is
/// created through one is read and changed through the other, and a claim through either counts on the same offer.
/// </summary>
public sealed class TwoSiloClusterTests
{
    private const string AdminKey = "two-silo-admin-key";
    // With a connection string the silos start no private Postgres, so this directory is never created.
    private readonly string unusedDataDirectory = Path.Combine(Path.GetTempPath(), "vrps-two-silos-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task TwoSilosOnOnePostgres_WhatOneCreatesTheOtherReadsAndChanges()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await TestPostgres.CreateDatabaseAsync("two_silos"),
            ["Vrps__BootstrapAdminKey"] = AdminKey,
        };
        using var a = SiloProcess.Start(unusedDataDirectory, SiloProcess.FreePort(), environment);
        using var b = SiloProcess.Start(unusedDataDirectory, SiloProcess.FreePort(), environment);
        using var httpA = Client(a);
        using var httpB = Client(b);
        await Task.WhenAll(a.WaitUntilReadyAsync(httpA), b.WaitUntilReadyAsync(httpB));
        await Eventually.HoldsAsync(
            async () => await ActiveSilosAsync(httpA) == 2 && await ActiveSilosAsync(httpB) == 2,
            "each silo's membership view holds both as active");

        var customer = (await httpA.PostOkAsync("/api/customers", new { name = "Cluster Co" })).Id();
        Assert.Equal("Cluster Co", (await httpB.GetOkAsync($"/api/customers/{customer}")).GetProperty("name").GetString());
        await httpB.SendOkAsync(HttpMethod.Patch, $"/api/customers/{customer}", new { name = "Cluster Company" });
        Assert.Equal("Cluster Company", (await httpA.GetOkAsync($"/api/customers/{customer}")).GetProperty("name").GetString());

        var lot = await PublicLot.CreateAsync(httpA, "Cluster");
        using var anonymousB = new HttpClient { BaseAddress = httpB.BaseAddress };
        using var claimedThroughB = await anonymousB.PostAsync(
            "/api/claims", System.Net.Http.Json.JsonContent.Create(new { offerId = lot.OfferId, lotId = lot.LotId, phone = "+15550123001", plate = "CLU5TR" }));
        Assert.Equal(HttpStatusCode.Created, claimedThroughB.StatusCode);
        Assert.Equal(1, (await httpA.GetOkAsync($"/api/offers/{lot.OfferId}")).GetProperty("claimedCount").GetInt32());

        Assert.Equal(0, await b.InterruptAsync());
        Assert.Equal(0, await a.InterruptAsync());
    }

    private static HttpClient Client(SiloProcess silo)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.Port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return http;
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return report.GetProperty("checks").GetProperty("silo").GetProperty("data").GetProperty("activeSilos").GetInt32();
    }

}
