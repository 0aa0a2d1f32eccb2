using Npgsql;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// R5 under a crash (issue 9, item 6): withdrawing a peer grant takes the lot away from every unit of that property,
/// one unit grain at a time. A silo killed with -9 half-way must not leave units holding a lot they may no longer use:
/// the withdrawal finishes after the restart without anyone retrying it.
/// </summary>
public sealed class CrashMidRevocationTests
{
    private const int Units = 300;
    private const string AdminKey = "revocation-crash-admin-key";

    private const string UnitsHoldingLotSql =
        "SELECT count(*) FROM grain_storage WHERE grain_type = 'unit' AND payload::jsonb -> 'lotIds' ? @lot";

    [Fact]
    public async Task RevokePeerProperty_SiloKilledHalfWay_EveryUnitLosesTheLotAfterRestart()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("revocation_crash");
        var port = SiloProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Vrps__BootstrapAdminKey"] = AdminKey,
            ["ConnectionStrings__Postgres"] = connectionString,
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        await using var database = NpgsqlDataSource.Create(connectionString);

        var first = SiloProcess.Start(Path.Combine(Path.GetTempPath(), "vrps-unused"), port, environment);
        await first.WaitUntilReadyAsync(http);
        var customer = (await http.PostOkAsync("/api/customers", new { name = "Revoke Co" })).Id();
        var owner = (await http.PostOkAsync($"/api/customers/{customer}/properties", new { name = "Owner Tower", timezone = "UTC" })).Id();
        var peer = (await http.PostOkAsync($"/api/customers/{customer}/properties", new { name = "Peer Court", timezone = "UTC" })).Id();
        var lot = (await http.PostOkAsync($"/api/properties/{owner}/lots", new { name = "Shared Lot", capacity = 1000 })).Id();
        await http.PutOkAsync($"/api/lots/{lot}/peer-properties/{peer}");
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, Units).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var unit = (await http.PostOkAsync($"/api/properties/{peer}/units", new { name = $"Unit {i}", maxConcurrentPasses = 2 })).Id();
                await http.PutOkAsync($"/api/units/{unit}/lots/{lot}");
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.Equal(Units, await UnitsHoldingLotAsync(database, lot));

        // Withdraw the grant, and kill the silo once the first units lost the lot but not all of them.
        var withdrawal = http.DeleteAsync($"/api/lots/{lot}/peer-properties/{peer}");
        await Eventually.HoldsAsync(async () => await UnitsHoldingLotAsync(database, lot) < Units, "the withdrawal reached the first units", TimeSpan.FromSeconds(30));
        await first.KillAsync();
        first.Dispose();
        try
        {
            await withdrawal;
        }
        catch (HttpRequestException)
        {
            // The silo died under the request, as intended: its client never hears back.
        }

        var leftHolding = await UnitsHoldingLotAsync(database, lot);
        Assert.True(leftHolding > 0, "the silo died only after the withdrawal had finished: nothing was left to recover");

        using var second = SiloProcess.Start(Path.Combine(Path.GetTempPath(), "vrps-unused"), port, environment);
        await second.WaitUntilReadyAsync(http);

        await Eventually.HoldsAsync(
            async () => await UnitsHoldingLotAsync(database, lot) == 0,
            $"the {leftHolding} units left holding the lot lose it after the restart", TimeSpan.FromSeconds(60));
        var view = await http.GetOkAsync($"/api/lots/{lot}");
        Assert.Empty(view.GetProperty("peerPropertyIds").EnumerateArray());
        Assert.Equal(0, await second.InterruptAsync());
    }

    private static async Task<long> UnitsHoldingLotAsync(NpgsqlDataSource database, Guid lot)
    {
        await using var command = database.CreateCommand(UnitsHoldingLotSql);
        command.Parameters.AddWithValue("lot", lot.ToString("D"));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
