using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Vrps.Bench.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;

namespace Vrps.Bench.AmenityBurst;

/// <summary>
/// Brief §6, amenity slot burst: N bookings of one slot of capacity 10, all issued at once, from N distinct units.
/// Exactly 10 must be confirmed and the rest waitlisted in arrival order — through the amenity grain in-process and
/// over HTTP (with an Idempotency-Key each), against the best plain-SQL design for the same semantics (one statement
/// per booking from 64 connections), on one private durable Postgres, in one run.
/// </summary>
internal sealed class AmenityBurstScenario : IScenario
{
    private const int Capacity = 10;
    private const int SeedClients = 64;
    private const string BaselineMode = "plain SQL (baseline)";
    private const string InProcessMode = "silo, in-process grain calls";
    private const string HttpMode = "silo, over HTTP";

    public string Name => "amenity-burst";

    public string Usage => "amenity-burst [--quick] [--json PATH]  N bookings at once on one amenity slot of capacity 10: silo in-process and over HTTP vs plain SQL";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var options = ScenarioArguments.Parse(arguments, Name);
        var bookings = options.Quick ? 1_000 : 5_000;
        var results = new List<AmenityBurstResult>();
        var checks = new List<BurstCheck>();
        var warmUps = new List<WarmUp>();
        TimeSpan seeding;
        var postgres = await BenchPostgres.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (postgres.ConfigureAwait(false))
        {
            var sqlDatabase = await postgres.CreateDatabaseAsync("amenity_burst_sql", cancellationToken).ConfigureAwait(false);
            var sql = await SqlBookingBaseline.RunAsync(sqlDatabase, bookings, Capacity, BaselineMode, cancellationToken).ConfigureAwait(false);
            var baseline = sql.Load.CallsPerSecond;
            results.Add(Summarize(BaselineMode, bookings, sql.Load, sql.Outcomes, baseline, checks));
            checks.Add(sql.Stored);

            var siloDatabase = await postgres.CreateDatabaseAsync("amenity_burst_silo", cancellationToken).ConfigureAwait(false);
            var silo = await BenchSilo.StartAsync(siloDatabase, bookings, cancellationToken).ConfigureAwait(false);
            await using (silo.ConfigureAwait(false))
            {
                var seedStarted = Stopwatch.GetTimestamp();
                var (_, propertyId) = await silo.SeedPropertyAsync(cancellationToken).ConfigureAwait(false);
                var units = await SeedUnitsAsync(silo, propertyId, bookings, cancellationToken).ConfigureAwait(false);
                seeding = Stopwatch.GetElapsedTime(seedStarted);

                // A slot tomorrow at noon UTC: far enough ahead for every rule, inside the all-week opening hours.
                var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(12), TimeSpan.Zero);
                var end = start.AddHours(1);

                var actor = new Actor("bench", Roles.PlatformAdmin);
                Task<(Guid, string, int?)> BookInProcessAsync(Guid amenity, int i) =>
                    BookThroughGrainAsync(silo.Grains.GetGrain<IAmenityGrain>(amenity), new BookAmenity(Guid.NewGuid(), units[i], Resident(i), start, end), actor);
                async Task<(Guid, string, int?)> BookOverHttpAsync(Guid amenity, int i, string keyPrefix)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/amenities/{amenity}/bookings")
                    {
                        Content = JsonContent.Create(new { unitId = units[i], resident = Resident(i), start, end }),
                    };
                    request.Headers.Add("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}-{i}"));
                    using var response = await silo.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException(
                            $"booking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
                    }

                    var view = await response.Content.ReadFromJsonAsync<BookingView>(cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("booking answered an empty body");
                    return (view.Id, view.Status, view.Position);
                }

                // Each mode first books a burst as wide as the measured one on an amenity of its own, unmeasured, then
                // waits for the JIT, as the offer scenarios do: the measured burst runs the code a silo serving all day
                // runs. Over HTTP that warm-up also opens the burst's keep-alive connections, as the proxy in front of a
                // silo keeps its own: measured on 2026-12-05 with a warm-up a fifth as wide, the measured burst spent 13 %
                // of its CPU samples opening 4,000 connections (client and Kestrel) and 21 % in the JIT on tier-0 paths.
                async Task WarmUpAsync(string mode, Func<Guid, int, Task<(Guid, string, int?)>> book)
                {
                    var warmAmenity = await CreateAmenityAsync(silo, propertyId, cancellationToken).ConfigureAwait(false);
                    var (warm, _) = await BookingBurst.RunAsync(bookings, i => book(warmAmenity, i)).ConfigureAwait(false);
                    var waited = await JitSettling.WaitAsync(cancellationToken).ConfigureAwait(false);
                    warmUps.Add(new WarmUp(mode, bookings, warm.Failed, waited));
                }

                await WarmUpAsync(InProcessMode, BookInProcessAsync).ConfigureAwait(false);
                var amenity = await CreateAmenityAsync(silo, propertyId, cancellationToken).ConfigureAwait(false);
                var grain = silo.Grains.GetGrain<IAmenityGrain>(amenity);
                var (inProcess, inProcessOutcomes) = await BookingBurst.RunAsync(bookings, i => BookInProcessAsync(amenity, i)).ConfigureAwait(false);
                results.Add(Summarize(InProcessMode, bookings, inProcess, inProcessOutcomes, baseline, checks));
                checks.Add(ArrivalOrder.Exact(InProcessMode, inProcessOutcomes, Capacity));
                checks.Add(await SettleAsync(grain, InProcessMode, start, inProcess, cancellationToken).ConfigureAwait(false));
                checks.AddRange(await StoredAsync(silo.ConnectionString, InProcessMode, amenity, start, inProcessOutcomes, cancellationToken).ConfigureAwait(false));

                await WarmUpAsync(HttpMode, (warmAmenity, i) => BookOverHttpAsync(warmAmenity, i, "amenity-warm-up")).ConfigureAwait(false);
                amenity = await CreateAmenityAsync(silo, propertyId, cancellationToken).ConfigureAwait(false);
                var (overHttp, httpOutcomes) = await BookingBurst.RunAsync(bookings, i => BookOverHttpAsync(amenity, i, "amenity-burst")).ConfigureAwait(false);
                results.Add(Summarize(HttpMode, bookings, overHttp, httpOutcomes, baseline, checks));
                checks.Add(await SettleAsync(silo.Grains.GetGrain<IAmenityGrain>(amenity), HttpMode, start, overHttp, cancellationToken).ConfigureAwait(false));
                checks.AddRange(await StoredAsync(silo.ConnectionString, HttpMode, amenity, start, httpOutcomes, cancellationToken).ConfigureAwait(false));
                checks.AddRange(await ReadBackAsync(silo, HttpMode, amenity, start, httpOutcomes, bookings, cancellationToken).ConfigureAwait(false));
            }
        }

        checks.AddRange(warmUps.Select(static w => new BurstCheck(w.Mode, "every warm-up booking answered", w.Failed == 0, $"{w.Failed:N0} of {w.Bookings:N0} failed")));
        Print(results, checks, bookings, seeding, warmUps, options.Quick);
        await BenchJson.WriteAsync(options.JsonPath, new
        {
            scenario = Name,
            quick = options.Quick,
            bookings,
            capacity = Capacity,
            processors = Environment.ProcessorCount,
            seedingSeconds = seeding.TotalSeconds,
            results,
            checks,
        }, cancellationToken).ConfigureAwait(false);
        return checks.All(static c => c.Passed) ? 0 : 1;
    }

    private static string Resident(int i) => string.Create(CultureInfo.InvariantCulture, $"Resident {i}");

    private static async Task<Guid[]> SeedUnitsAsync(BenchSilo silo, Guid propertyId, int count, CancellationToken cancellationToken)
    {
        var units = new Guid[count];
        var load = await ClosedLoopDriver.RunAsync(
            Enumerable.Range(0, count).ToArray(),
            async i =>
            {
                var unit = await silo.PostAsync($"/api/properties/{propertyId}/units", new { name = $"Unit {i + 1}", maxConcurrentPasses = 2 }, cancellationToken)
                    .ConfigureAwait(false);
                units[i] = unit.GetProperty("id").GetGuid();
            },
            count,
            SeedClients,
            cancellationToken).ConfigureAwait(false);
        return load.Failed == 0 ? units : throw new InvalidOperationException($"seeding units failed: {load.FirstError}");
    }

    /// <summary>Open all week, one-hour slots of capacity 10, no unit quota, no lead time: every booking of the burst is valid.</summary>
    private static async Task<Guid> CreateAmenityAsync(BenchSilo silo, Guid propertyId, CancellationToken cancellationToken)
    {
        var allDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .ToDictionary(static d => d, static _ => new[] { new { open = "00:00", close = "24:00" } });
        var amenity = await silo.PostAsync($"/api/properties/{propertyId}/amenities", new
        {
            name = "Rooftop Pool",
            openingHours = allDay,
            slotMinutes = 60,
            capacityPerSlot = Capacity,
            blackoutDates = Array.Empty<string>(),
            rules = new { },
        }, cancellationToken).ConfigureAwait(false);
        return amenity.GetProperty("id").GetGuid();
    }

    /// <summary>The table row of one mode, and its checks on the answers alone.</summary>
    private static AmenityBurstResult Summarize(
        string mode, int bookings, LoadResult load, IReadOnlyList<BookingOutcome?> outcomes, double baseline, List<BurstCheck> checks)
    {
        var answered = outcomes.OfType<BookingOutcome>().ToList();
        var (confirmed, waitlisted, gapFree) = ArrivalOrder.Positions(answered);
        var (pairs, violations) = ArrivalOrder.Causal(answered);
        var invariant = CultureInfo.InvariantCulture;
        checks.Add(new BurstCheck(mode, "every booking answered", load.Failed == 0 && answered.Count == bookings,
            load.Failed == 0 ? string.Create(invariant, $"{answered.Count:N0} answers") : string.Create(invariant, $"{load.Failed:N0} failed; first: {load.FirstError}")));
        checks.Add(new BurstCheck(mode, $"exactly {Capacity} confirmed", confirmed == Capacity, string.Create(invariant, $"{confirmed:N0} confirmed")));
        checks.Add(new BurstCheck(mode, "all others waitlisted, positions exactly 1..N-10", waitlisted == bookings - Capacity && gapFree,
            string.Create(invariant, $"{waitlisted:N0} waitlisted, positions {(gapFree ? "gap-free" : "with gaps or duplicates")}")));
        checks.Add(new BurstCheck(mode, "nobody overtook a booking answered before it was sent", violations == 0,
            string.Create(invariant, $"{pairs:N0} ordered pairs, {violations:N0} bookings overtook")));
        return new AmenityBurstResult(mode, bookings, load, confirmed, waitlisted, gapFree, pairs, violations, baseline > 0 ? load.CallsPerSecond / baseline : 0);
    }

    /// <summary>
    /// Waits until the amenity has run every booking of the burst: a read-only call queues behind every call sent
    /// before it, so its answer means the mailbox has drained. A booking whose caller timed out is still in that queue
    /// and is still made; those are counted by the stored checks.
    /// </summary>
    private static async Task<BurstCheck> SettleAsync(IAmenityGrain grain, string mode, DateTimeOffset start, LoadResult load, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grain.AvailabilityAsync(start, start.AddHours(1)).ConfigureAwait(false);
                var waited = Stopwatch.GetElapsedTime(started);
                return new BurstCheck(mode, "the amenity's queue drains after the burst", true, string.Create(CultureInfo.InvariantCulture,
                    $"drained {waited.TotalSeconds:N1} s after the last answer{(load.Failed > 0 ? $", with {load.Failed:N0} calls that had failed still queued" : "")}"));
            }
            catch (TimeoutException) when (attempt < 10)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>
    /// What the silo stored must be what it answered: the booking rows the amenity rebuilds its slots from on
    /// activation (places taken, the waitlist in their stored arrival order) and the records the API serves, both in
    /// the grain index; and the amenity's own state, which must stay small. Bookings stored for a call that failed
    /// (the grain ran it after its caller had given up) are counted as extra.
    /// </summary>
    private static async Task<IReadOnlyList<BurstCheck>> StoredAsync(
        string connectionString, string mode, Guid amenity, DateTimeOffset start, IReadOnlyList<BookingOutcome?> outcomes, CancellationToken cancellationToken)
    {
        var invariant = CultureInfo.InvariantCulture;
        var answered = outcomes.OfType<BookingOutcome>().ToList();
        var expectedWaitlist = answered.Where(static o => o.Status == BookingOutcome.Waitlisted).OrderBy(static o => o.Position).Select(static o => o.BookingId).ToList();
        var expectedConfirmed = answered.Where(static o => o.Status == BookingOutcome.Confirmed).Select(static o => o.BookingId).ToHashSet();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var state = new NpgsqlCommand("SELECT payload::text FROM grain_storage WHERE grain_type = 'amenity' AND grain_key = @key", connection);

        // Orleans prints a Guid grain key without dashes.
        state.Parameters.AddWithValue("key", amenity.ToString("N"));
        var payload = (string?)await state.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? "";

        var records = new Dictionary<Guid, (string? Status, int? Position, long? Arrival, DateTimeOffset Start)>();
        await using var index = new NpgsqlCommand(
            "SELECT id, data->>'status', (data->>'position')::int, (data->>'arrival')::bigint, (data->>'start')::timestamptz FROM grain_index WHERE kind = 'booking' AND parent_id = @amenity",
            connection);
        index.Parameters.AddWithValue("amenity", amenity.ToString("D"));
        await using (var reader = await index.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records[Guid.Parse(reader.GetString(0))] = (
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.GetFieldValue<DateTimeOffset>(4));
            }
        }

        var inSlot = records.Where(r => r.Value.Start == start).ToList();
        var storedConfirmed = inSlot.Where(static r => r.Value.Status == BookingOutcome.Confirmed).Select(static r => r.Key).ToHashSet();
        var waitlist = inSlot.Where(static r => r.Value.Status == BookingOutcome.Waitlisted).OrderBy(static r => r.Value.Arrival).Select(static r => r.Key).ToList();
        var arrivalsDistinct = inSlot.All(static r => r.Value.Arrival is not null) && inSlot.Select(static r => r.Value.Arrival).Distinct().Count() == inSlot.Count;
        var answeredIds = answered.Select(static o => o.BookingId).ToHashSet();
        var inOrder = waitlist.Where(answeredIds.Contains).SequenceEqual(expectedWaitlist);
        var extra = records.Keys.Count(id => !answeredIds.Contains(id));
        var rowsOk = storedConfirmed.Count == Capacity && inOrder && arrivalsDistinct && extra == 0 && storedConfirmed.SetEquals(expectedConfirmed);

        var differ = answered.Count(o => !records.TryGetValue(o.BookingId, out var r) || r.Status != o.Status || r.Position != o.Position);
        return
        [
            new BurstCheck(mode, "stored booking rows: 10 take places, the waitlist in stored arrival order lists the answers in position order, nothing else", rowsOk,
                string.Create(invariant,
                    $"{storedConfirmed.Count} confirmed, waitlist of {waitlist.Count:N0} {(inOrder ? "in answer order" : "NOT in answer order")}, arrival numbers {(arrivalsDistinct ? "distinct" : "MISSING or repeated")}, {extra:N0} bookings stored whose call failed; amenity state payload {payload.Length / 1024.0:N1} KiB")),
            new BurstCheck(mode, "booking records (grain index) equal the answers", differ == 0 && records.Count == answered.Count,
                string.Create(invariant, $"{records.Count:N0} records for {answered.Count:N0} answers, {differ:N0} differ from their answer")),
        ];
    }

    /// <summary>What the API says afterwards: the slot's availability, and every booking's status and live position.</summary>
    private static async Task<IReadOnlyList<BurstCheck>> ReadBackAsync(
        BenchSilo silo, string mode, Guid amenity, DateTimeOffset start, IReadOnlyList<BookingOutcome?> outcomes, int bookings, CancellationToken cancellationToken)
    {
        var invariant = CultureInfo.InvariantCulture;
        var from = Uri.EscapeDataString(start.ToString("O", invariant));
        var to = Uri.EscapeDataString(start.AddHours(1).ToString("O", invariant));
        var availability = await silo.Http.GetFromJsonAsync<AmenityAvailability>($"/api/amenities/{amenity}/availability?from={from}&to={to}", cancellationToken)
            .ConfigureAwait(false);
        var slot = availability?.Slots.SingleOrDefault(s => s.Start == start);
        var availabilityOk = slot is { Confirmed: Capacity, Remaining: 0 } && slot.Waitlisted == bookings - Capacity;

        var answered = outcomes.OfType<BookingOutcome>().ToArray();
        var differ = 0;
        var read = await ClosedLoopDriver.RunAsync(
            answered,
            async outcome =>
            {
                var view = await silo.Http.GetFromJsonAsync<BookingView>($"/api/bookings/{outcome.BookingId}", cancellationToken).ConfigureAwait(false);
                if (view is null || view.Status != outcome.Status || view.Position != outcome.Position)
                {
                    Interlocked.Increment(ref differ);
                }
            },
            answered.Length,
            SeedClients,
            cancellationToken).ConfigureAwait(false);
        return
        [
            new BurstCheck(mode, "GET availability: 10 confirmed, 0 remaining, the rest waitlisted", availabilityOk,
                slot is null ? "slot missing" : string.Create(invariant, $"confirmed {slot.Confirmed}, remaining {slot.Remaining}, waitlisted {slot.Waitlisted:N0}")),
            new BurstCheck(mode, "GET /api/bookings/{id}: every booking's status and position as answered", differ == 0 && read.Failed == 0,
                string.Create(invariant, $"{read.Succeeded:N0} read, {differ:N0} differ, {read.Failed:N0} failed{(read.FirstError is null ? "" : $" ({read.FirstError})")}")),
        ];
    }

    private static async Task<(Guid, string, int?)> BookThroughGrainAsync(IAmenityGrain grain, BookAmenity booking, Actor actor)
    {
        var view = await grain.BookAsync(booking, actor).ConfigureAwait(false);
        return (view.Id, view.Status, view.Position);
    }

    private static void Print(IReadOnlyList<AmenityBurstResult> results, IReadOnlyList<BurstCheck> checks, int bookings, TimeSpan seeding, IReadOnlyList<WarmUp> warmUps, bool quick)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant,
            $"Amenity slot burst ({(quick ? "quick" : "full")}): {bookings:N0} bookings issued at once on one slot of capacity {Capacity}, {bookings:N0} distinct units, {Environment.ProcessorCount} CPUs"));
        Console.WriteLine(string.Create(invariant, $"Seeding {bookings:N0} units over HTTP took {seeding.TotalSeconds:N1} s (not measured below)."));
        foreach (var w in warmUps)
        {
            Console.WriteLine(string.Create(invariant, $"{w.Mode}: measured after an unmeasured burst of {w.Bookings:N0} bookings on an amenity of its own and {w.JitWait.TotalSeconds:N0} s waiting for the JIT."));
        }

        Console.WriteLine();
        Console.WriteLine("| mode | in flight | bookings/s | p50 ms | p95 ms | p99 ms | confirmed | waitlisted | positions 1..N | ordered pairs | overtaken | failed | vs baseline |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|:-:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(invariant,
                $"| {r.Mode} | {r.InFlight:N0} | {r.Load.CallsPerSecond:N0} | {r.Load.Latency.P50Ms:N2} | {r.Load.Latency.P95Ms:N2} | {r.Load.Latency.P99Ms:N2} | {r.Confirmed:N0} | {r.Waitlisted:N0} | {(r.PositionsGapFree ? "yes" : "NO")} | {r.OrderedPairs:N0} | {r.OrderViolations:N0} | {r.Load.Failed:N0} | {r.RatioToBaseline:N2}x |"));
        }

        Console.WriteLine();
        Console.WriteLine("The SQL baseline runs every booking as one statement on a pool of 64 connections; all modes issue every booking at once, so latency includes the wait behind the others.");
        Console.WriteLine("Ordered pairs: (A, B) with A answered before B was sent, so A provably arrived first; overtaken counts bookings B that did better than such an A.");
        Console.WriteLine();
        foreach (var c in checks)
        {
            Console.WriteLine($"- [{(c.Passed ? "ok" : "FAIL")}] {c.Mode}: {c.Name} — {c.Detail}");
        }

        Console.WriteLine();
        Console.WriteLine(checks.All(static c => c.Passed) ? "All checks passed." : "FAIL: some checks failed.");
    }
}

/// <summary>A mode's unmeasured warm-up burst.</summary>
internal sealed record WarmUp(string Mode, int Bookings, long Failed, TimeSpan JitWait);
