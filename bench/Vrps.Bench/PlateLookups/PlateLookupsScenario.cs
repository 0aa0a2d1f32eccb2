using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vrps.Bench.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Occupancy;

namespace Vrps.Bench.PlateLookups;

/// <summary>
/// Brief §6, plate lookups: a lot filled with active passes through the claim protocol, then the patrols' question
/// "is this plate authorized here?" — 90% seeded plates, 10% unknown ones, every answer checked — asked of the lot's
/// occupancy grain in-process and of <c>GET /api/enforcement/lookup</c> with an enforcement key, against a plain-SQL
/// lookup on an indexed table of the same plates, on one private durable Postgres, in one run. Between seeding and
/// measuring, the silo restarts, so the plate index is rebuilt from the stored passes as after any restart.
/// </summary>
internal sealed class PlateLookupsScenario : IScenario
{
    private const int Clients = 64;
    private const int LightClients = 8;
    private const string BaselineMode = "plain SQL (baseline)";
    private const string InProcessMode = "silo, in-process grain calls";
    private const string HttpMode = "silo, over HTTP (enforcement key)";
    private const string LightHttpMode = "silo, over HTTP, light load";

    public string Name => "plate-lookups";

    public string Usage => "plate-lookups [--quick] [--json PATH]  plate lookups on a lot with 100k active passes: silo in-process and over HTTP vs an indexed SQL table";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var options = ScenarioArguments.Parse(arguments, Name);
        var (passes, grainLookups, httpLookups, sqlLookups) = options.Quick ? (10_000, 50_000, 10_000, 10_000) : (100_000, 200_000, 100_000, 100_000);
        var plates = Enumerable.Range(0, passes).Select(static i => string.Create(CultureInfo.InvariantCulture, $"BP{i:D6}")).ToArray();
        var targets = Targets(passes, Math.Max(grainLookups, httpLookups) / 2);
        var results = new List<PlateLookupResult>();
        var facts = new Dictionary<string, double>(StringComparer.Ordinal);
        var postgres = await BenchPostgres.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (postgres.ConfigureAwait(false))
        {
            var sqlDatabase = await postgres.CreateDatabaseAsync("plate_lookups_sql", cancellationToken).ConfigureAwait(false);
            var baseline = await SqlPlateBaseline.RunAsync(sqlDatabase, plates, targets, sqlLookups, BaselineMode, cancellationToken).ConfigureAwait(false);
            results.Add(baseline);

            var siloDatabase = await postgres.CreateDatabaseAsync("plate_lookups_silo", cancellationToken).ConfigureAwait(false);
            var (lotId, passIds, enforcementKey) = await SeedAsync(siloDatabase, plates, facts, cancellationToken).ConfigureAwait(false);

            var started = Stopwatch.GetTimestamp();
            var silo = await BenchSilo.StartAsync(siloDatabase, Clients, cancellationToken).ConfigureAwait(false);
            await using (silo.ConfigureAwait(false))
            {
                facts["restartStartSeconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var occupancy = silo.Grains.GetGrain<ILotOccupancyGrain>(lotId);

                // The first call activates the occupancy grain, which rebuilds the plate index from the stored passes.
                started = Stopwatch.GetTimestamp();
                var first = await occupancy.LookupAsync(plates[0]).ConfigureAwait(false);
                facts["firstLookupAfterRestartMs"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                facts["activeAfterRestart"] = (await occupancy.GetAsync().ConfigureAwait(false)).Active;
                facts["firstLookupCorrect"] = first.Authorized && first.Pass?.PassId == passIds[0] ? 1 : 0;

                var checker = new LookupChecker(passIds);
                var inProcess = await ClosedLoopDriver.RunAsync(
                    targets,
                    async target =>
                    {
                        var answer = await occupancy.LookupAsync(target.Plate).ConfigureAwait(false);
                        checker.Check(target, answer.Authorized, answer.Reason, answer.Pass?.PassId, answer.Pass?.Plate);
                    },
                    grainLookups,
                    Clients,
                    cancellationToken).ConfigureAwait(false);
                results.Add(checker.Result(InProcessMode, Clients, inProcess, baseline.Load.CallsPerSecond));

                using var patrol = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = silo.BaseAddress };
                patrol.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", enforcementKey);
                var prefix = $"/api/enforcement/lookup?lotId={lotId}&plate=";
                Task<LoadResult> OverHttpAsync(LookupChecker answers, int lookups, int clients) => ClosedLoopDriver.RunAsync(
                    targets,
                    async target =>
                    {
                        var answer = await patrol.GetFromJsonAsync<PlateLookup>(prefix + target.Plate, cancellationToken).ConfigureAwait(false)
                            ?? throw new InvalidOperationException("the lookup answered an empty body");
                        answers.Check(target, answer.Authorized, answer.Reason, answer.Pass?.PassId, answer.Pass?.Plate);
                    },
                    lookups,
                    clients,
                    cancellationToken);

                // The silo process just started: its HTTP path (Kestrel, the key, the scope check) still runs the JIT's
                // first-tier code. An unmeasured warm-up, then a wait for the JIT, as in the offer scenarios: a patrol's
                // silo has served lookups all day.
                var warmUp = new LookupChecker(passIds);
                facts["httpWarmUpLookups"] = httpLookups / 5;
                var warmUpLoad = await OverHttpAsync(warmUp, httpLookups / 5, Clients).ConfigureAwait(false);
                facts["httpWarmUpMismatches"] = warmUp.Mismatches + warmUpLoad.Failed;
                facts["jitWaitSeconds"] = (await JitSettling.WaitAsync(cancellationToken).ConfigureAwait(false)).TotalSeconds;
                foreach (var (mode, clients, lookups) in new[] { (HttpMode, Clients, httpLookups), (LightHttpMode, LightClients, httpLookups / 5) })
                {
                    checker = new LookupChecker(passIds);
                    var overHttp = await OverHttpAsync(checker, lookups, clients).ConfigureAwait(false);
                    results.Add(checker.Result(mode, clients, overHttp, baseline.Load.CallsPerSecond));
                }
            }
        }

        var restartOk = (int)facts["activeAfterRestart"] == passes && facts["firstLookupCorrect"] == 1;
        var ok = restartOk && facts.GetValueOrDefault("httpWarmUpMismatches") == 0 && results.All(static r => r.Mismatches == 0 && r.Load.Failed == 0);
        Print(results, facts, passes, restartOk, ok, options.Quick);
        await BenchJson.WriteAsync(options.JsonPath, new
        {
            scenario = Name,
            quick = options.Quick,
            passes,
            hitShare = 0.9,
            processors = Environment.ProcessorCount,
            facts,
            results,
        }, cancellationToken).ConfigureAwait(false);
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Lookups to cycle through: every tenth an unknown plate (a prefix no seeded plate has), the others seeded plates
    /// drawn at random, with a fixed seed so that every mode asks the same questions.
    /// </summary>
    private static LookupTarget[] Targets(int passes, int count)
    {
        var random = new Random(20_240_601);
        return Enumerable.Range(0, count)
            .Select(k =>
            {
                if (k % 10 == 9)
                {
                    return new LookupTarget(string.Create(CultureInfo.InvariantCulture, $"ZZ{k:D7}"), -1);
                }

                var i = random.Next(passes);
                return new LookupTarget(string.Create(CultureInfo.InvariantCulture, $"BP{i:D6}"), i);
            })
            .ToArray();
    }

    /// <summary>
    /// Seeds the lot (capacity = the number of passes), its passes and an enforcement company scoped to the property
    /// with its key, then stops that silo: what is measured afterwards runs on a silo that starts from Postgres.
    /// </summary>
    private static async Task<(Guid LotId, Guid[] PassIds, string EnforcementKey)> SeedAsync(
        string connectionString, IReadOnlyList<string> plates, Dictionary<string, double> facts, CancellationToken cancellationToken)
    {
        var silo = await BenchSilo.StartAsync(connectionString, Clients, cancellationToken).ConfigureAwait(false);
        try
        {
            var (propertyId, lotId, passTypeId) = await silo.SeedLotAsync(plates.Count, cancellationToken).ConfigureAwait(false);
            var company = await silo.PostAsync("/api/enforcement-companies", new { name = "Bench Patrol" }, cancellationToken).ConfigureAwait(false);
            var companyId = company.GetProperty("id").GetGuid();
            using (var scope = await silo.Http.PutAsJsonAsync($"/api/enforcement-companies/{companyId}/properties/{propertyId}", new { }, cancellationToken).ConfigureAwait(false))
            {
                scope.EnsureSuccessStatusCode();
            }

            var key = await silo.PostAsync("/api/api-keys", new { name = "bench patrol", role = Roles.Enforcement, enforcementCompanyId = companyId }, cancellationToken)
                .ConfigureAwait(false);

            var (passIds, elapsed, retried) = await PassSeeder.SeedAsync(silo, lotId, passTypeId, plates, cancellationToken).ConfigureAwait(false);
            facts["seedingSeconds"] = elapsed.TotalSeconds;
            facts["seedingClaimsPerSecond"] = plates.Count / elapsed.TotalSeconds;
            facts["seedingRetried"] = retried;
            facts["indexCatchUpSeconds"] = (await PassSeeder.WaitForIndexAsync(silo, lotId, plates.Count, cancellationToken).ConfigureAwait(false)).TotalSeconds;
            return (lotId, passIds, key.GetProperty("key").GetString()!);
        }
        finally
        {
            var stopping = Stopwatch.GetTimestamp();
            await silo.DisposeAsync().ConfigureAwait(false);
            facts["restartStopSeconds"] = Stopwatch.GetElapsedTime(stopping).TotalSeconds;
        }
    }

    private static void Print(IReadOnlyList<PlateLookupResult> results, Dictionary<string, double> facts, int passes, bool restartOk, bool ok, bool quick)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant,
            $"Plate lookups ({(quick ? "quick" : "full")}): one lot with {passes:N0} active passes, 90% seeded plates / 10% unknown, {Environment.ProcessorCount} CPUs"));
        Console.WriteLine(string.Create(invariant,
            $"Seeding: {passes:N0} claims in process ({PassSeeder.Clients} clients, {PassSeeder.Offers} open offers) in {facts["seedingSeconds"]:N1} s = {facts["seedingClaimsPerSecond"]:N0} claims/s ({facts["seedingRetried"]:N0} retried); plate index complete {facts["indexCatchUpSeconds"]:N1} s after the last claim."));
        Console.WriteLine(string.Create(invariant,
            $"Restart: silo stopped in {facts["restartStopSeconds"]:N1} s, started in {facts["restartStartSeconds"]:N1} s; first lookup (activation rebuilds the plate index) {facts["firstLookupAfterRestartMs"]:N0} ms; {facts["activeAfterRestart"]:N0} active passes indexed."));
        Console.WriteLine(string.Create(invariant,
            $"Over HTTP, measured after an unmeasured warm-up of {facts["httpWarmUpLookups"]:N0} lookups ({facts["httpWarmUpMismatches"]:N0} wrong or failed) and {facts["jitWaitSeconds"]:N0} s waiting for the JIT."));
        Console.WriteLine();
        Console.WriteLine("| mode | clients | lookups/s | p50 ms | p95 ms | p99 ms | hits | misses | mismatches | failed | vs baseline |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(invariant,
                $"| {r.Mode} | {r.Clients} | {r.Load.CallsPerSecond:N0} | {r.Load.Latency.P50Ms:N2} | {r.Load.Latency.P95Ms:N2} | {r.Load.Latency.P99Ms:N2} | {r.Hits:N0} | {r.Misses:N0} | {r.Mismatches:N0} | {r.Load.Failed:N0} | {r.RatioToBaseline:N2}x |"));
        }

        Console.WriteLine();
        var grain = results.Single(static r => r.Mode == InProcessMode);
        Console.WriteLine(string.Create(invariant, $"Brief target, in-process ≥ 50,000 lookups/s: {(grain.Load.CallsPerSecond >= 50_000 ? "met" : "not met")} ({grain.Load.CallsPerSecond:N0}/s)."));
        foreach (var http in results.Where(static r => r.Mode is HttpMode or LightHttpMode))
        {
            Console.WriteLine(string.Create(invariant,
                $"Brief target, p99 ≤ 5 ms over HTTP: {(http.Load.Latency.P99Ms <= 5 ? "met" : "not met")} at {http.Clients} clients ({http.Load.Latency.P99Ms:N2} ms)."));
        }
        foreach (var r in results.Where(static r => r.FirstMismatch is not null || r.Load.FirstError is not null))
        {
            Console.WriteLine($"{r.Mode}: first mismatch: {r.FirstMismatch ?? "none"}; first error: {r.Load.FirstError ?? "none"}");
        }

        if (!restartOk)
        {
            Console.WriteLine("FAIL: after the restart the plate index does not hold every pass, or the first lookup answered wrong");
        }

        Console.WriteLine(ok ? "Every answer matched the seeded passes: OK" : "FAIL: mismatches, failed lookups or an incomplete plate index");
    }
}
