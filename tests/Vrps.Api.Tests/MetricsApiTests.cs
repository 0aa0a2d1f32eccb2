using System.Net;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Orleans' meters and ours scraped in Prometheus' format at /api/metrics (issue 11): the figures cover every tenant's
/// load, so only a platform-admin key reads them.
/// </summary>
public sealed class MetricsApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("metrics"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Metrics_PlatformAdminScrapesOrleansAndStorageMeters_EveryOtherCallerIsRefused()
    {
        var t = await Tenant.CreateAsync(silo, "Metrics");

        using var scraped = await silo.Client.GetAsync("/api/metrics");
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("vrps_grain_storage_writes", text, StringComparison.Ordinal);
        Assert.Contains("\norleans_", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);

        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        using var asOperator = await operatorClient.GetAsync("/api/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.DoesNotContain("vrps_grain_storage", await asOperator.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = silo.CreateClient(null);
        using var withoutKey = await anonymous.GetAsync("/api/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }
}
