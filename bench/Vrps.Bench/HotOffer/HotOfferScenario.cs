using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Grains.Claims;
using Vrps.Interfaces;
using Vrps.Interfaces.Claims;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Metrics;
using Vrps.Silo;

namespace Vrps.Bench.HotOffer;

/// <summary>
/// Brief §6, scenario 1: one group offer, many more claims than places, from many concurrent clients — through the
/// silo in-process (grain calls) and over HTTP — against the best plain-SQL design for one hot row (a conditional
/// UPDATE and the pass INSERT in one statement, from 64 connections), all on one private durable Postgres, in one run.
/// </summary>
internal sealed class HotOfferScenario : IScenario
{
    private const string AdminKey = "bench-admin-key";
    private const int SiloClients = 256;
    private const int SqlConnections = 64;

    public string Name => "hot-offer";

    public string Usage => "hot-offer [--quick] [--json PATH]  claims on one hot group offer: silo in-process and over HTTP vs a plain-SQL single-row claim";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var quick = arguments.Contains("--quick");
        var jsonIndex = arguments.ToList().IndexOf("--json");
        var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < arguments.Count
            ? arguments[jsonIndex + 1]
            : Path.Combine(RepositoryPaths.Root(), "bench", "results", "hot-offer.json");
        var (claims, capacity) = quick ? (4_000, 2_000) : (30_000, 20_000);

        using var loggerFactory = LoggerFactory.Create(static logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"vrps-bench-{Guid.NewGuid():N}");
        var postgres = await LocalPostgres.StartAsync(
            new LocalPostgresOptions { DataDirectory = dataDirectory, Durable = true }, loggerFactory.CreateLogger<LocalPostgres>(), cancellationToken).ConfigureAwait(false);
        var results = new List<HotOfferResult>();
        await using (postgres.ConfigureAwait(false))
        {
            var baseline = await RunSqlBaselineAsync(await postgres.CreateDatabaseAsync("hot_offer_sql", cancellationToken).ConfigureAwait(false), claims, capacity, cancellationToken).ConfigureAwait(false);
            results.Add(baseline);
            var siloDatabase = await postgres.CreateDatabaseAsync("hot_offer_silo", cancellationToken).ConfigureAwait(false);
            results.AddRange(await RunSiloAsync(siloDatabase, claims, capacity, baseline.Load.CallsPerSecond, cancellationToken).ConfigureAwait(false));
        }

        Directory.Delete(dataDirectory, recursive: true);
        Print(results, claims, capacity, quick);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        return results.All(r => r.Issued == capacity && r.Load.Failed == 0) ? 0 : 1;
    }

    private static async Task<HotOfferResult> RunSqlBaselineAsync(string connectionString, int claims, int capacity, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = SqlConnections;
        await using var dataSource = builder.Build();
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE bench_offer (id int PRIMARY KEY, claimed int NOT NULL, capacity int NOT NULL);
            CREATE TABLE bench_pass (id uuid PRIMARY KEY, offer_id int NOT NULL, plate text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            """))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var seed = dataSource.CreateCommand("INSERT INTO bench_offer VALUES (1, 0, @capacity)"))
        {
            seed.Parameters.AddWithValue("capacity", capacity);
            await seed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // One statement, so one round trip and one transaction per claim: the row lock serialises claims, nothing else.
        const string Claim = """
            WITH taken AS (UPDATE bench_offer SET claimed = claimed + 1 WHERE id = 1 AND claimed < capacity RETURNING id)
            INSERT INTO bench_pass (id, offer_id, plate) SELECT @id, id, @plate FROM taken
            """;
        long refused = 0;
        var load = await ClosedLoopDriver.RunAsync(
            Enumerable.Range(0, claims).ToArray(),
            async i =>
            {
                await using var command = dataSource.CreateCommand(Claim);
                command.Parameters.AddWithValue("id", Guid.NewGuid());
                command.Parameters.AddWithValue("plate", $"SQL{i}");
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    Interlocked.Increment(ref refused);
                }
            },
            claims,
            SqlConnections,
            cancellationToken).ConfigureAwait(false);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM bench_pass");
        var issued = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new HotOfferResult("plain SQL (baseline)", SqlConnections, load, issued, refused, 1.0);
    }

    private static async Task<IReadOnlyList<HotOfferResult>> RunSiloAsync(string connectionString, int claims, int capacity, double baseline, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder([
            "--urls", "http://127.0.0.1:0", "--Vrps:BootstrapAdminKey", AdminKey, "--Vrps:Claims:PermitsPerWindow", "100000000",
            "--Logging:LogLevel:Default", "Warning"]);
        var app = SiloApplication.Build(builder, connectionString);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = SiloClients }) { BaseAddress = new Uri(app.Urls.First()) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
            var lot = await SeedLotAsync(http, capacity, cancellationToken).ConfigureAwait(false);
            var claimsService = app.Services.GetRequiredService<ClaimCoordinator>();
            var metrics = app.Services.GetRequiredService<RuntimeMetrics>();
            StorageCounts Snapshot() => new(metrics.StateReadCount, metrics.CommittedWrites, metrics.BatchCount);
            static StorageCounts Delta(StorageCounts before, StorageCounts after) =>
                new(after.StateReads - before.StateReads, after.CommittedWrites - before.CommittedWrites, after.Transactions - before.Transactions);
            var results = new List<HotOfferResult>();

            var (offer, token) = await OfferAsync(http, lot.LotId, lot.PassTypeId, capacity, cancellationToken).ConfigureAwait(false);
            long refusedInProcess = 0;
            var before = Snapshot();
            var inProcess = await ClosedLoopDriver.RunAsync(
                Enumerable.Range(0, claims).ToArray(),
                async i =>
                {
                    try
                    {
                        await claimsService.ClaimAsync(new ClaimRequest(null, null, token, lot.LotId, Phone(1, i), null, null, $"IN{i}", null)).ConfigureAwait(false);
                    }
                    catch (DomainException refusal) when (refusal.Code == "offer_exhausted")
                    {
                        Interlocked.Increment(ref refusedInProcess);
                    }
                },
                claims,
                SiloClients,
                cancellationToken).ConfigureAwait(false);
            results.Add(new HotOfferResult("silo, in-process grain calls", SiloClients, inProcess,
                await CountPassesAsync(connectionString, offer, cancellationToken).ConfigureAwait(false), refusedInProcess, inProcess.CallsPerSecond / baseline,
                Delta(before, Snapshot())));

            (offer, token) = await OfferAsync(http, lot.LotId, lot.PassTypeId, capacity, cancellationToken).ConfigureAwait(false);
            long refusedHttp = 0;
            before = Snapshot();
            var overHttp = await ClosedLoopDriver.RunAsync(
                Enumerable.Range(0, claims).ToArray(),
                async i =>
                {
                    using var response = await http.PostAsJsonAsync("/api/claims", new { shareToken = token, lotId = lot.LotId, phone = Phone(2, i), plate = $"HT{i}" }, cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.Conflict)
                    {
                        Interlocked.Increment(ref refusedHttp);
                    }
                    else if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"claim answered {(int)response.StatusCode}");
                    }
                },
                claims,
                SiloClients,
                cancellationToken).ConfigureAwait(false);
            results.Add(new HotOfferResult("silo, over HTTP", SiloClients, overHttp,
                await CountPassesAsync(connectionString, offer, cancellationToken).ConfigureAwait(false), refusedHttp, overHttp.CallsPerSecond / baseline,
                Delta(before, Snapshot())));
            return results;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Phone(int run, int i) => $"+1{run}{i.ToString("D9", CultureInfo.InvariantCulture)}";

    private static async Task<(Guid LotId, Guid PassTypeId)> SeedLotAsync(HttpClient http, int capacity, CancellationToken cancellationToken)
    {
        var customer = await PostAsync(http, "/api/customers", new { name = "Bench Co" }, cancellationToken).ConfigureAwait(false);
        var property = await PostAsync(http, $"/api/customers/{customer.GetProperty("id")}/properties", new { name = "Bench Arena", timezone = "UTC" }, cancellationToken).ConfigureAwait(false);
        var lot = await PostAsync(http, $"/api/properties/{property.GetProperty("id")}/lots", new { name = "Arena Lot", capacity = Math.Min(100_000, capacity * 3), mode = "both" }, cancellationToken).ConfigureAwait(false);
        var lotId = lot.GetProperty("id").GetGuid();
        var passType = await PostAsync(http, $"/api/lots/{lotId}/pass-types", new
        {
            name = "Event",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 6 } },
        }, cancellationToken).ConfigureAwait(false);
        return (lotId, passType.GetProperty("id").GetGuid());
    }

    private static async Task<(Guid OfferId, string Token)> OfferAsync(HttpClient http, Guid lot, Guid passType, int capacity, CancellationToken cancellationToken)
    {
        var offer = await PostAsync(http, $"/api/lots/{lot}/offers", new { kind = "group", passTypeId = passType, capacity }, cancellationToken).ConfigureAwait(false);
        return (offer.GetProperty("id").GetGuid(), offer.GetProperty("shareToken").GetString()!);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> CountPassesAsync(string connectionString, Guid offer, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM grain_state WHERE grain_type = 'pass' AND payload->>'offerId' = @offer", connection);
        command.Parameters.AddWithValue("offer", offer.ToString("D"));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void Print(IReadOnlyList<HotOfferResult> results, int claims, int capacity, bool quick)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"Hot group offer ({(quick ? "quick" : "full")}): {claims:N0} claims on capacity {capacity:N0}, {Environment.ProcessorCount} CPUs"));
        Console.WriteLine();
        Console.WriteLine("| mode | clients | claims/s | p50 ms | p95 ms | p99 ms | issued | refused | failed | vs baseline |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(invariant,
                $"| {r.Mode} | {r.Clients} | {r.Load.CallsPerSecond:N0} | {r.Load.Latency.P50Ms:N2} | {r.Load.Latency.P95Ms:N2} | {r.Load.Latency.P99Ms:N2} | {r.Issued:N0} | {r.Refused:N0} | {r.Load.Failed:N0} | {r.RatioToBaseline:N2}x |"));
        }

        Console.WriteLine();
        foreach (var r in results.Where(static r => r.Storage is not null))
        {
            var s = r.Storage!;
            Console.WriteLine(string.Create(invariant,
                $"{r.Mode}: {s.StateReads:N0} state reads ({(double)s.StateReads / r.Issued:N1} per issued pass), {s.CommittedWrites:N0} committed writes ({(double)s.CommittedWrites / r.Issued:N1} per issued pass) in {s.Transactions:N0} transactions ({(double)s.CommittedWrites / Math.Max(1, s.Transactions):N1} writes/tx)"));
        }

        Console.WriteLine();
        Console.WriteLine(results.All(r => r.Issued == capacity) ? "Issued passes equal capacity in every mode: OK" : "FAIL: issued passes differ from capacity");
    }
}
