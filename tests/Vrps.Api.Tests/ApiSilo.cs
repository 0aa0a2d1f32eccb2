using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Vrps.Silo;

namespace Vrps.Api.Tests;

/// <summary>The whole silo (runtime, grains, API) on Kestrel at a free loopback port, over a real database.</summary>
public sealed class ApiSilo : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiSilo(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ApiSilo> StartAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--environment", "Development"]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var app = SiloApplication.Build(builder, connectionString);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new ApiSilo(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
