using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Silo;

namespace Vrps.Bench.Common;

/// <summary>
/// The real silo (the same <see cref="SiloApplication"/> the product runs: Orleans co-hosted with the API) on loopback
/// ports, with a platform-admin HTTP client, its grain storage's counters and seeding helpers. Claim rate limiting is
/// lifted: the benchmark is one client machine.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";

    private readonly WebApplication app;

    private BenchSilo(WebApplication app, HttpClient http, string connectionString, GrainStorageMeter storage)
    {
        this.app = app;
        Http = http;
        ConnectionString = connectionString;
        Storage = storage;
    }

    public HttpClient Http { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => app.Services;

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    public GrainStorageMeter Storage { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    /// <param name="extraArguments">More configuration, e.g. <c>"--Vrps:Deadlines:PollInterval", "00:00:00.100"</c>.</param>
    public static async Task<BenchSilo> StartAsync(string connectionString, int maxConnections, CancellationToken cancellationToken, params string[] extraArguments)
    {
        // No gateway: the bench calls grains through the co-hosted client, and HTTP through Kestrel.
        var builder = WebApplication.CreateBuilder([
            "--urls", "http://127.0.0.1:0", "--Vrps:BootstrapAdminKey", AdminKey, "--Vrps:Claims:PermitsPerWindow", "100000000",
            "--Orleans:Endpoints:SiloPort", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture), "--Orleans:Endpoints:GatewayPort", "0",
            "--Logging:LogLevel:Default", "Warning", .. extraArguments]);
        var app = SiloApplication.Build(builder, connectionString);

        // Listening from before the start, so the storage's first reads (the silo's own activations) are counted too.
        var storage = new GrainStorageMeter(app.Services.GetRequiredService<IMeterFactory>());
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            storage.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections }) { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return new BenchSilo(app, http, connectionString, storage);
    }

    public async Task<JsonElement> PostAsync(string url, object body, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A customer and a property in UTC: the root most scenarios hang their lot or amenity from.</summary>
    public async Task<(Guid CustomerId, Guid PropertyId)> SeedPropertyAsync(CancellationToken cancellationToken)
    {
        var customer = await PostAsync("/api/customers", new { name = "Bench Co" }, cancellationToken).ConfigureAwait(false);
        var customerId = customer.GetProperty("id").GetGuid();
        var property = await PostAsync($"/api/customers/{customerId}/properties", new { name = "Bench Arena", timezone = "UTC" }, cancellationToken).ConfigureAwait(false);
        return (customerId, property.GetProperty("id").GetGuid());
    }

    /// <summary>A public lot with a free pass type (6-hour passes) under a new property.</summary>
    public async Task<(Guid PropertyId, Guid LotId, Guid PassTypeId)> SeedLotAsync(int capacity, CancellationToken cancellationToken)
    {
        var (_, propertyId) = await SeedPropertyAsync(cancellationToken).ConfigureAwait(false);
        var lot = await PostAsync($"/api/properties/{propertyId}/lots", new { name = "Arena Lot", capacity, mode = "both" }, cancellationToken).ConfigureAwait(false);
        var lotId = lot.GetProperty("id").GetGuid();
        var passType = await PostAsync($"/api/lots/{lotId}/pass-types", new
        {
            name = "Event",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 6 } },
        }, cancellationToken).ConfigureAwait(false);
        return (propertyId, lotId, passType.GetProperty("id").GetGuid());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Storage.Dispose();
    }
}
