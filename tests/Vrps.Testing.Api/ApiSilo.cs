using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vrps.Grains.Common;
using Vrps.Silo;

namespace Vrps.Testing.Api;

/// <summary>The whole silo (Orleans, our providers, grains, API) on Kestrel at a free loopback port, over a real database.</summary>
public sealed class ApiSilo : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpMessageHandler? handler;

    /// <summary>The platform-admin key every test silo is configured with (Vrps:BootstrapAdminKey).</summary>
    public const string AdminKey = "test-admin-key-for-api-tests";

    private ApiSilo(WebApplication app, HttpClient client, HttpMessageHandler? handler)
    {
        this.app = app;
        this.handler = handler;
        Client = client;
    }

    /// <summary>A client authenticated as platform admin.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>A client that sends <paramref name="bearer"/> (or no Authorization header when null).</summary>
    public HttpClient CreateClient(string? bearer)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = Client.BaseAddress;
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <param name="time">A fake clock for tests that move time (reminders, expiries) instead of sleeping.</param>
    /// <param name="allowPrivateWebhookTargets">
    /// On by default because test receivers listen on loopback; off leaves the setting unset, so the silo's own default
    /// (refuse private targets) is what the test sees.
    /// </param>
    /// <param name="settings">More command-line settings ("--Key", "value" pairs); later ones win.</param>
    /// <param name="handler">Made once the silo listens (from its base address), it carries every request of <see cref="Client"/>
    /// and <see cref="CreateClient"/>: e.g. the API tests' contract-validating handler.</param>
    public static async Task<ApiSilo> StartAsync(
        string connectionString, TimeProvider? time = null, bool allowPrivateWebhookTargets = true, IReadOnlyList<string>? settings = null,
        Func<Uri, Task<HttpMessageHandler>>? handler = null)
    {
        List<string> args = [
            "--urls", "http://127.0.0.1:0", "--environment", "Development", "--Vrps:BootstrapAdminKey", AdminKey,
            "--Vrps:Claims:PermitsPerWindow", "1000000", "--Vrps:Deadlines:PollInterval", "00:00:00.050",
            "--Orleans:Endpoints:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture), "--Orleans:Endpoints:GatewayPort", "0"];
        if (allowPrivateWebhookTargets)
        {
            args.AddRange(["--Vrps:Webhooks:AllowPrivateTargets", "true"]);
        }

        args.AddRange(settings ?? []);
        var builder = WebApplication.CreateBuilder([.. args]);
        if (time is not null)
        {
            // Business time only: the silo's own membership and timers keep real time.
            builder.Services.AddKeyedSingleton(BusinessTime.Key, time);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var app = SiloApplication.Build(builder, connectionString);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        var carrier = handler is null ? null : await handler(address);
        var client = carrier is null ? new HttpClient() : new HttpClient(carrier, disposeHandler: false);
        client.BaseAddress = address;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return new ApiSilo(app, client, carrier);
    }

    /// <summary>A loopback port free right now, for the silo-to-silo endpoint of a test silo.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        handler?.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
