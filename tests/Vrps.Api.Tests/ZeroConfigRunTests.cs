using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vrps.Api.Tests;

/// <summary>The README's run command, as a user runs it: no configuration, a private Postgres, Ctrl+C, and a restart that reuses the data.</summary>
public sealed class ZeroConfigRunTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "vrps-zero-config-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Silo_NoConfiguration_StartsPrivatePostgresAndKeepsDataAcrossCtrlC()
    {
        var port = SiloProcess.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Guid customerId;
        using (var first = SiloProcess.Start(dataDirectory, port))
        {
            await first.WaitUntilReadyAsync(http);
            var adminKey = PrintedKeys(first).Single();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
            var created = await http.PostAsJsonAsync("/api/customers", new { name = "Zero Config Co" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            customerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(0, await first.InterruptAsync());
        }

        Assert.False(File.Exists(Path.Combine(dataDirectory, "pgdata", "postmaster.pid")), "Ctrl+C should stop the private Postgres");

        using var second = SiloProcess.Start(dataDirectory, port);
        await second.WaitUntilReadyAsync(http);
        Assert.Empty(PrintedKeys(second));
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}");
        Assert.Equal("Zero Config Co", read.GetProperty("name").GetString());
        Assert.Equal(0, await second.InterruptAsync());
    }

    /// <summary>The bootstrap admin key the first start prints on a line of its own.</summary>
    private static List<string> PrintedKeys(SiloProcess silo) =>
        silo.Output.Select(static l => l.Trim()).Where(static l => l.StartsWith("vrps_", StringComparison.Ordinal)).ToList();

    public void Dispose() => SiloProcess.CleanUp(dataDirectory);
}
