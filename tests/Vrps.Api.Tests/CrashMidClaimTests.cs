using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// R11 under a crash: the silo is killed with -9 in the middle of a claim burst, restarted, and the clients retry with
/// the same Idempotency-Keys. Nothing acknowledged is lost, nothing is oversold, and once the dead claims' holds lapse
/// the offer's count equals the passes that exist.
/// </summary>
public sealed class CrashMidClaimTests : IDisposable
{
    private static readonly int Capacity = 150 * FaultScale.Factor;
    private static readonly int Claims = 300 * FaultScale.Factor;
    private const string AdminKey = "crash-test-admin-key";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "vrps-crash-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task ClaimBurst_SiloKilledMidway_NoAcknowledgedClaimLostAndNoOversell()
    {
        var port = SiloProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Vrps__BootstrapAdminKey"] = AdminKey,
            ["Vrps__Claims__PermitsPerWindow"] = "1000000",
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);

        var first = SiloProcess.Start(dataDirectory, port, environment);
        await first.WaitUntilReadyAsync(http);
        var customer = (await http.PostOkAsync("/api/customers", new { name = "Crash Co" })).Id();
        var property = (await http.PostOkAsync($"/api/customers/{customer}/properties", new { name = "Crash Tower", timezone = "UTC" })).Id();
        var lot = (await http.PostOkAsync($"/api/properties/{property}/lots", new { name = "Crash Lot", capacity = 1000, mode = "both" })).Id();
        var passType = (await http.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Event",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 6 } },
        })).Id();
        var offer = await http.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "group", passTypeId = passType, capacity = Capacity });
        var token = offer.GetProperty("shareToken").GetString();

        var acknowledged = new ConcurrentDictionary<int, Guid>();
        async Task ClaimAsync(int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims")
            {
                Content = JsonContent.Create(new { shareToken = token, lotId = lot, phone = $"+1888{i:D7}", plate = $"CR{i}" }),
            };
            request.Headers.Add("Idempotency-Key", $"claim-{i}");
            try
            {
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The silo died under this request: the client does not know, and will retry.
            }
        }

        // Burst, and kill the silo once part of it was acknowledged.
        using var gate = new SemaphoreSlim(32);
        var burst = Enumerable.Range(0, Claims).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await ClaimAsync(i);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Eventually.HoldsAsync(() => acknowledged.Count >= 40 * FaultScale.Factor, "part of the burst is acknowledged", TimeSpan.FromSeconds(60 * FaultScale.Factor));

        // An offer whose expiry reminder falls due while the silo is down.
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(5);
        var expiring = (await http.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "group", passTypeId = passType, capacity = 5, expiresAt })).Id();
        await first.KillAsync();
        await Task.WhenAll(burst);
        var beforeCrash = acknowledged.ToDictionary();
        first.Dispose();
        var untilOverdue = expiresAt.AddSeconds(1) - DateTimeOffset.UtcNow;
        if (untilOverdue > TimeSpan.Zero)
        {
            await Task.Delay(untilOverdue);
        }

        using var second = SiloProcess.Start(dataDirectory, port, environment);
        await second.WaitUntilReadyAsync(http);
        var ready = Stopwatch.GetTimestamp();

        // The reminder that fell due while the silo was down fires within 5 s of the restart.
        await Eventually.HoldsAsync(
            async () => (await http.GetOkAsync($"/api/offers/{expiring}")).GetProperty("status").GetString() == "expired",
            "the overdue expiry fires after restart", TimeSpan.FromSeconds(5));
        Assert.True(Stopwatch.GetElapsedTime(ready) <= TimeSpan.FromSeconds(5), $"overdue reminder fired {Stopwatch.GetElapsedTime(ready)} after ready");

        // Every claim the clients saw acknowledged still exists, active.
        foreach (var (_, passId) in beforeCrash)
        {
            Assert.Equal("active", (await http.GetOkAsync($"/api/passes/{passId}")).GetProperty("status").GetString());
        }

        // Half the clients retry with the same keys and get the same passes; the other half give up, so the holds of
        // their claims that died with the silo are left to lapse.
        foreach (var i in Enumerable.Range(0, Claims).Where(static i => i % 2 == 0))
        {
            await ClaimAsync(i);
        }

        foreach (var (i, passId) in beforeCrash)
        {
            Assert.Equal(passId, acknowledged[i]);
        }

        // A claim can commit just before the kill while its client never hears back (and, here, never retries): such
        // passes exist unacknowledged. What must hold: acknowledged ⊆ issued ≤ capacity.
        var passes = await CountPassesAsync(http, lot);
        Assert.True(passes <= Capacity, $"{passes} passes for an offer of {Capacity}");
        Assert.True(acknowledged.Values.Distinct().Count() <= passes, $"{acknowledged.Count} acknowledged but only {passes} passes exist");

        // Holds of claims that died with the silo lapse (30 s) and are settled by the pass grains: no place leaks.
        await Eventually.HoldsAsync(
            async () => (await http.GetOkAsync($"/api/offers/{offer.Id()}")).GetProperty("pendingCount").GetInt32() == 0,
            "dead claims' holds lapse", TimeSpan.FromSeconds(90));
        var final = await http.GetOkAsync($"/api/offers/{offer.Id()}");
        Assert.Equal(await CountPassesAsync(http, lot), final.GetProperty("claimedCount").GetInt32());
        Assert.Equal(0, await second.InterruptAsync());
    }

    private static async Task<int> CountPassesAsync(HttpClient http, Guid lot)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await http.GetOkAsync($"/api/lots/{lot}/passes?limit=200" + (cursor is null ? "" : $"&cursor={cursor}"));
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return count;
    }

    public void Dispose() => SiloProcess.CleanUp(dataDirectory);
}
