using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vrps.Bench.Common;
using Vrps.Grains.Claims;
using Vrps.Interfaces;
using Vrps.Interfaces.Claims;

namespace Vrps.Bench.Offers;

/// <summary>
/// Claims on group offers through the silo — in-process (the claim coordinator's grain calls) and over HTTP — against
/// the best plain-SQL design (a conditional UPDATE of the offer's counter and the pass INSERT in one statement, from 64
/// connections), all on one private durable Postgres, in one run. Claim <c>n</c> goes to offer <c>n % offers</c>.
/// Every mode, the baseline too, first runs an unmeasured burst of <see cref="OfferClaimsShape.WarmUpClaims"/> on
/// offers of its own, so each is measured at its pace, not while its code is still being compiled.
/// </summary>
internal static class OfferClaimsBenchmark
{
    private const int SiloClients = 256;
    private const int SqlConnections = 64;

    public static async Task<int> RunAsync(string name, IReadOnlyList<string> arguments, Func<bool, OfferClaimsShape> shapeFor, CancellationToken cancellationToken)
    {
        var options = ScenarioArguments.Parse(arguments, name);
        var shape = shapeFor(options.Quick);
        var results = new List<OfferClaimsResult>();
        await using (var postgres = await BenchPostgres.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            var baseline = await RunSqlBaselineAsync(await postgres.CreateDatabaseAsync("claims_sql", cancellationToken).ConfigureAwait(false), shape, postgres.CpuNow, cancellationToken).ConfigureAwait(false);
            results.Add(baseline);
            var siloDatabase = await postgres.CreateDatabaseAsync("claims_silo", cancellationToken).ConfigureAwait(false);
            results.AddRange(await RunSiloAsync(siloDatabase, shape, baseline.Load.CallsPerSecond, postgres.CpuNow, cancellationToken).ConfigureAwait(false));
        }

        Print(results, shape, options.Quick);
        await BenchJson.WriteAsync(options.JsonPath, new { scenario = name, shape, processors = Environment.ProcessorCount, results }, cancellationToken).ConfigureAwait(false);
        return results.All(r => r.Issued == shape.TotalCapacity && r.Load.Failed == 0) ? 0 : 1;
    }

    private static async Task<OfferClaimsResult> RunSqlBaselineAsync(string connectionString, OfferClaimsShape shape, Func<CpuTimes> cpu, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = SqlConnections;
        builder.ConnectionStringBuilder.MaxAutoPrepare = 4;
        await using var dataSource = builder.Build();
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE bench_offer (id int PRIMARY KEY, claimed int NOT NULL, capacity int NOT NULL);
            CREATE TABLE bench_pass (id uuid PRIMARY KEY, offer_id int NOT NULL, plate text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO bench_offer SELECT g, 0, @capacity FROM generate_series(0, 2 * @offers - 1) AS g;
            """))
        {
            setup.Parameters.AddWithValue("capacity", shape.CapacityPerOffer);
            setup.Parameters.AddWithValue("offers", shape.Offers);
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // One statement, so one round trip and one transaction per claim: the row lock serialises claims on one offer.
        const string Claim = """
            WITH taken AS (UPDATE bench_offer SET claimed = claimed + 1 WHERE id = @offer AND claimed < capacity RETURNING id)
            INSERT INTO bench_pass (id, offer_id, plate) SELECT @id, id, @plate FROM taken
            """;
        // Offers from shape.Offers on are the warm-up's; the measured run claims the first shape.Offers.
        async Task<(LoadResult Load, long Refused, CpuTimes Cpu)> RunAsync(int firstOffer, int claims)
        {
            long refused = 0;
            var cpuBefore = cpu();
            var load = await ClosedLoopDriver.RunAsync(
                Enumerable.Range(0, claims).ToArray(),
                async i =>
                {
                    await using var command = dataSource.CreateCommand(Claim);
                    command.Parameters.AddWithValue("offer", firstOffer + (i % shape.Offers));
                    command.Parameters.AddWithValue("id", Guid.NewGuid());
                    command.Parameters.AddWithValue("plate", $"SQL{firstOffer}-{i}");
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        Interlocked.Increment(ref refused);
                    }
                },
                claims,
                SqlConnections,
                cancellationToken).ConfigureAwait(false);
            return (load, refused, cpu().Since(cpuBefore));
        }

        await RunAsync(shape.Offers, shape.WarmUpClaims).ConfigureAwait(false);
        await JitSettling.WaitAsync(cancellationToken).ConfigureAwait(false);
        var jitBefore = JitSettling.CompilationTime;
        var (load, refused, used) = await RunAsync(0, shape.Claims).ConfigureAwait(false);
        var jit = JitSettling.CompilationTime - jitBefore;
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM bench_pass WHERE offer_id < @offers");
        count.Parameters.AddWithValue("offers", shape.Offers);
        var issued = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new OfferClaimsResult("plain SQL (baseline)", SqlConnections, load, issued, refused, 1.0, used, jit);
    }

    private static async Task<IReadOnlyList<OfferClaimsResult>> RunSiloAsync(string connectionString, OfferClaimsShape shape, double baseline, Func<CpuTimes> cpu, CancellationToken cancellationToken)
    {
        var silo = await BenchSilo.StartAsync(connectionString, SiloClients, cancellationToken).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            // Room for the passes of both runs and their warm-ups: the lot is never the limit, the offers are.
            var (_, lotId, passTypeId) = await silo.SeedLotAsync(Math.Min(1_000_000, shape.TotalCapacity * 5), cancellationToken).ConfigureAwait(false);
            var claims = silo.Services.GetRequiredService<ClaimCoordinator>();
            var storage = silo.Storage;
            StorageCounts Snapshot() => new(storage.StateReads, storage.CommittedWrites, storage.CommitTransactions, storage.CommitTime);
            static StorageCounts Delta(StorageCounts before, StorageCounts after) =>
                new(after.StateReads - before.StateReads, after.CommittedWrites - before.CommittedWrites, after.Transactions - before.Transactions, after.CommitTime - before.CommitTime);
            var results = new List<OfferClaimsResult>();

            // Each mode: a warm-up burst on offers of its own, then the measured burst on fresh offers.
            async Task<OfferClaimsResult> MeasureAsync(string mode, int run, Func<string, string, string, Task<bool>> claim)
            {
                for (var round = 0; round < 2; round++)
                {
                    var warmUp = round == 0;
                    var offers = await CreateOffersAsync(silo, lotId, passTypeId, shape, cancellationToken).ConfigureAwait(false);
                    var claimCount = warmUp ? shape.WarmUpClaims : shape.Claims;
                    var prefix = warmUp ? $"W{run}" : $"M{run}";
                    if (!warmUp)
                    {
                        var waited = await JitSettling.WaitAsync(cancellationToken).ConfigureAwait(false);
                        await Console.Error.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss} {mode}: waited {waited.TotalSeconds:N0} s for the JIT to catch up with the warm-up").ConfigureAwait(false);
                    }

                    var jitBefore = JitSettling.CompilationTime;
                    long refused = 0;
                    await Console.Error.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss} {mode}: {(warmUp ? "warm-up" : "measured")} burst of {claimCount:N0} claims").ConfigureAwait(false);
                    var before = Snapshot();
                    var gcBefore = GcCounts.Now();
                    var cpuBefore = cpu();
                    var load = await ClosedLoopDriver.RunAsync(
                        Enumerable.Range(0, claimCount).ToArray(),
                        async i =>
                        {
                            var phone = Phone(2 * run + (warmUp ? 0 : 1), i);
                            if (!await claim(offers[i % offers.Count].Token, phone, $"{prefix}{i}").ConfigureAwait(false))
                            {
                                Interlocked.Increment(ref refused);
                            }
                        },
                        claimCount,
                        SiloClients,
                        cancellationToken).ConfigureAwait(false);
                    if (!warmUp)
                    {
                        return new OfferClaimsResult(mode, SiloClients, load,
                            await CountPassesAsync(connectionString, offers, cancellationToken).ConfigureAwait(false), refused, load.CallsPerSecond / baseline,
                            cpu().Since(cpuBefore), JitSettling.CompilationTime - jitBefore, Delta(before, Snapshot()), GcCounts.Now().Since(gcBefore));
                    }
                }

                throw new InvalidOperationException("unreachable: the second round returns");
            }

            results.Add(await MeasureAsync("silo, in-process grain calls", 1, async (token, phone, plate) =>
            {
                var outcome = await claims.TryClaimAsync(new ClaimRequest(null, null, token, lotId, phone, null, null, plate, null, null)).ConfigureAwait(false);
                return outcome.Refused is not { } refusal
                    ? true
                    : refusal.Code == "offer_exhausted" ? false : throw refusal.ToException();
            }).ConfigureAwait(false));

            results.Add(await MeasureAsync("silo, over HTTP", 2, async (token, phone, plate) =>
            {
                using var response = await silo.Http.PostAsJsonAsync("/api/claims", new { shareToken = token, lotId, phone, plate }, cancellationToken).ConfigureAwait(false);
                return response.StatusCode switch
                {
                    HttpStatusCode.Created => true,
                    HttpStatusCode.Conflict => false,
                    var status => throw new InvalidOperationException($"claim answered {(int)status}"),
                };
            }).ConfigureAwait(false));
            return results;
        }
    }

    private static string Phone(int burst, int i) => $"+1{burst}{i.ToString("D9", CultureInfo.InvariantCulture)}";

    private static async Task<IReadOnlyList<(Guid OfferId, string Token)>> CreateOffersAsync(BenchSilo silo, Guid lot, Guid passType, OfferClaimsShape shape, CancellationToken cancellationToken)
    {
        var offers = new (Guid, string)[shape.Offers];
        await Parallel.ForAsync(0, shape.Offers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var offer = await silo.PostAsync($"/api/lots/{lot}/offers", new { kind = "group", passTypeId = passType, capacity = shape.CapacityPerOffer }, ct).ConfigureAwait(false);
            offers[i] = (offer.GetProperty("id").GetGuid(), offer.GetProperty("shareToken").GetString()!);
        }).ConfigureAwait(false);
        return offers;
    }

    private static async Task<long> CountPassesAsync(string connectionString, IReadOnlyList<(Guid OfferId, string Token)> offers, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM grain_storage WHERE grain_type = 'pass' AND payload->>'offerId' = ANY(@offers)", connection);
        command.Parameters.AddWithValue("offers", offers.Select(static o => o.OfferId.ToString("D")).ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void Print(IReadOnlyList<OfferClaimsResult> results, OfferClaimsShape shape, bool quick)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant,
            $"{shape.Title} ({(quick ? "quick" : "full")}): {shape.Claims:N0} claims on {shape.Offers:N0} group offer(s) of capacity {shape.CapacityPerOffer:N0}, {Environment.ProcessorCount} CPUs; each mode measured after an unmeasured warm-up of {shape.WarmUpClaims:N0} claims on offers of its own"));
        Console.WriteLine();
        Console.WriteLine("| mode | clients | claims/s | p50 ms | p95 ms | p99 ms | issued | refused | failed | vs baseline |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(invariant,
                $"| {r.Mode} | {r.Clients} | {r.Load.CallsPerSecond:N0} | {r.Load.Latency.P50Ms:N2} | {r.Load.Latency.P95Ms:N2} | {r.Load.Latency.P99Ms:N2} | {r.Issued:N0} | {r.Refused:N0} | {r.Load.Failed:N0} | {r.RatioToBaseline:N2}x |"));
        }

        Console.WriteLine();
        foreach (var r in results)
        {
            var calls = Math.Max(1, r.Load.Succeeded + r.Load.Failed);
            Console.WriteLine(string.Create(invariant,
                $"{r.Mode}: CPU per claim {r.Cpu.Process.TotalMicroseconds / calls:N0} µs in the bench process{(r.Storage is null ? " (the driver)" : " (driver and silo)")} + {r.Cpu.Postgres.TotalMicroseconds / calls:N0} µs in Postgres; {(r.Cpu.Process + r.Cpu.Postgres) / r.Load.Elapsed:N2} cores busy; the JIT compiled for {r.Jit.TotalMilliseconds:N0} ms of the run"));
        }

        Console.WriteLine();
        foreach (var r in results.Where(static r => r.Storage is not null))
        {
            var s = r.Storage!;
            Console.WriteLine(string.Create(invariant,
                $"{r.Mode}: {s.StateReads:N0} state reads ({(double)s.StateReads / r.Issued:N1} per issued pass), {s.CommittedWrites:N0} committed writes ({(double)s.CommittedWrites / r.Issued:N1} per issued pass) in {s.Transactions:N0} transactions ({(double)s.CommittedWrites / Math.Max(1, s.Transactions):N1} writes/tx, {s.CommitTime.TotalMilliseconds / Math.Max(1, s.Transactions):N1} ms each, committer busy {s.CommitTime / r.Load.Elapsed:P0} of the run)"));
            if (r.Gc is { } gc)
            {
                Console.WriteLine(string.Create(invariant,
                    $"{r.Mode}: GC paused the process {gc.Paused.TotalMilliseconds:N0} ms ({gc.Paused / r.Load.Elapsed:P0} of the run) in {gc.Gen0:N0} gen-0, {gc.Gen1:N0} gen-1 and {gc.Gen2:N0} gen-2 collections; {gc.AllocatedBytes / 1024.0 / Math.Max(1, r.Load.Succeeded + r.Load.Failed):N0} KiB allocated per claim"));
            }
        }

        var firstError = results.Select(static r => r.Load.FirstError).FirstOrDefault(static e => e is not null);
        if (firstError is not null)
        {
            Console.WriteLine($"First failure: {firstError}");
        }

        Console.WriteLine();
        Console.WriteLine(results.All(r => r.Issued == shape.TotalCapacity)
            ? "Issued passes equal capacity in every mode: OK"
            : "FAIL: issued passes differ from capacity");
    }
}
