using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Postgres restarts under a claim burst: clients see 503 with Retry-After while it is down — never 500 — the silo
/// recovers by itself, and every claim that was acknowledged is still there.
/// </summary>
public sealed class PostgresRestartTests : IDisposable
{
    private const string AdminKey = "restart-test-admin-key";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "vrps-pgrestart-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task ClaimBurst_PostgresRestarts_ClientsGet503NotAnd500_AndNothingAcknowledgedIsLost()
    {
        var port = SiloProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Vrps__BootstrapAdminKey"] = AdminKey,
            ["Vrps__Claims__PermitsPerWindow"] = "1000000",
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        using var silo = SiloProcess.Start(dataDirectory, port, environment);
        await silo.WaitUntilReadyAsync(http);
        var customer = (await http.PostOkAsync("/api/customers", new { name = "Outage Co" })).Id();
        var property = (await http.PostOkAsync($"/api/customers/{customer}/properties", new { name = "Outage Tower", timezone = "UTC" })).Id();
        var lot = (await http.PostOkAsync($"/api/properties/{property}/lots", new { name = "Outage Lot", capacity = 5000, mode = "both" })).Id();
        var passType = (await http.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Day",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 6 } },
        })).Id();
        var offer = (await http.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = passType, capacity = 5000 })).Id();

        var acknowledged = new ConcurrentBag<Guid>();
        var statuses = new ConcurrentBag<(int Status, bool RetryAfter, string? Type)>();
        var restarted = new TaskCompletionSource();
        var next = 0;
        async Task ClientAsync()
        {
            while (!restarted.Task.IsCompleted || Volatile.Read(ref next) < 600)
            {
                var i = Interlocked.Increment(ref next);
                if (i > 3000)
                {
                    return;
                }

                try
                {
                    using var response = await http.PostAsJsonAsync("/api/claims", new { offerId = offer, lotId = lot, phone = $"+1999{i:D7}", plate = $"PG{i}" });
                    statuses.Add(((int)response.StatusCode, response.Headers.RetryAfter is not null, response.Content.Headers.ContentType?.MediaType));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).Id());
                    }
                }
                catch (TaskCanceledException)
                {
                    statuses.Add((0, false, null));
                }
            }
        }

        var clients = Enumerable.Range(0, 16).Select(_ => Task.Run(ClientAsync)).ToList();
        await Eventually.HoldsAsync(() => acknowledged.Count >= 100, "the burst is under way", TimeSpan.FromSeconds(60));
        await RestartPostgresAsync();
        var back = Stopwatch.StartNew();
        restarted.SetResult();
        await Eventually.HoldsAsync(
            async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "the silo is ready again", TimeSpan.FromSeconds(10));
        var recovery = back.Elapsed;
        await Task.WhenAll(clients);

        Assert.DoesNotContain(statuses, static s => s.Status == 500);
        Assert.True(statuses.Any(static s => s.Status == 503),
            "no client saw the outage: " + string.Join(", ", statuses.GroupBy(static s => s.Status).Select(static g => $"{g.Key}x{g.Count()}")));
        Assert.All(statuses.Where(static s => s.Status == 503), static s => Assert.True(s.RetryAfter && s.Type == "application/problem+json"));
        Assert.Contains(statuses, static s => s.Status == 201);
        Assert.True(recovery < TimeSpan.FromSeconds(10), $"recovered in {recovery}");
        foreach (var passId in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/passes/{passId}")).StatusCode);
        }

        Assert.Equal(0, await silo.InterruptAsync());
    }

    private async Task RestartPostgresAsync()
    {
        var pgdata = Path.Combine(dataDirectory, "pgdata");
        using var restart = Process.Start("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", pgdata, "-m", "fast", "-w", "restart"])!;
        await restart.WaitForExitAsync();
        Assert.Equal(0, restart.ExitCode);
    }

    public void Dispose() => SiloProcess.CleanUp(dataDirectory);
}
