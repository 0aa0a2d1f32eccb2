using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vrps.Grains.Common;
using Vrps.Testing;
using Xunit.Abstractions;

namespace Vrps.Api.Tests;

/// <summary>
/// Issue 11 under faults, with real silo processes on one Postgres: one silo killed with -9 in the middle of a claim
/// burst sent through both, and a rolling restart (SIGTERM, then Ctrl+C) under a steady claim load. Clients retry
/// what the answers call retryable, with the same Idempotency-Key, through the other silo.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The product's promise: a dead silo's grains serve from the survivors within this long after the kill.</summary>
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(5);

    private static readonly int Capacity = 150 * FaultScale.Factor;

    /// <summary>Orleans' <c>SiloStatus.Active</c>, as the membership table stores it.</summary>
    private const int Active = 3;

    /// <summary>Orleans' <c>SiloStatus.Dead</c>.</summary>
    private const int Dead = 6;

    private static readonly TimeSpan HeldAfterClose = TimeSpan.FromSeconds(2);

    private const int EventQueues = 8;

    private const int LotCapacity = 10_000;

    private const string OfferGrainType = "offer";

    /// <summary>The webhook receiver listens on loopback.</summary>
    private static readonly Dictionary<string, string> Settings = new() { ["Vrps__Webhooks__AllowPrivateTargets"] = "true" };

    // With a connection string the silos start no private Postgres, so this directory is never created.
    private readonly string unusedDataDirectory = Path.Combine(Path.GetTempPath(), "vrps-cluster-faults-" + Guid.NewGuid().ToString("N")[..8]);
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync(static _ => 200);

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task ClaimBurstThroughBoth_OneSiloKilledMidway_NothingAcknowledgedLostNoOversellAndTheOfferServesFromTheSurvivorWithinFiveSeconds()
    {
        // Made while the doomed silo runs alone, so the offer's grain lives there.
        ClusterOffer? made = null;
        using var cluster = await ClusterOfTwo.StartAsync(
            "cluster_kill", unusedDataDirectory, async http => made = await CreateOfferAsync(http, "Kill", Capacity), settings: Settings);
        var offer = made!;
        var (doomed, survivor, admin) = (cluster.First, cluster.Second, cluster.SecondHttp);
        using var throughA = Anonymous(cluster.FirstHttp);
        using var throughB = Anonymous(cluster.SecondHttp);
        var claimants = new ClusterClaimants([throughA, throughB], offer.ShareToken, offer.LotId, "kill", 777);

        var burst = claimants.RunBurstAsync(2 * Capacity, inFlight: 8);
        await Eventually.HoldsAsync(() => claimants.Acknowledged.Count >= Capacity / 4, "part of the burst is acknowledged", TimeSpan.FromSeconds(90));
        var survivorQueues = ClusterChecks.OwnedQueues(survivor);
        Assert.Equal(0, await ClusterChecks.ActivationsCreatedAsync(admin, OfferGrainType));
        var killedAt = DateTimeOffset.UtcNow;
        var kill = Stopwatch.GetTimestamp();
        await doomed.KillAsync();

        // The offer's grain, which lived on the killed silo only (the survivor had never activated it), answers through the
        // survivor within 5 s of the kill, activated there; meanwhile a 503, never a 500.
        var refused = 0;
        while (true)
        {
            using var read = await admin.GetAsync($"/api/offers/{offer.OfferId}");
            Assert.True(read.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"reading the offer answered {(int)read.StatusCode}");
            if (read.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            refused++;
            Assert.True(Stopwatch.GetElapsedTime(kill) < TimeSpan.FromSeconds(30), "the survivor never served the offer");
            await Task.Delay(50);
        }

        var failover = Stopwatch.GetElapsedTime(kill);
        await burst;
        var answers = claimants.Answers.ToArray();
        output.WriteLine($"kill -9 to the offer answering through the survivor: {failover.TotalSeconds:N2} s ({refused} reads answered 503 meanwhile); " +
            $"the last claimant settled {Stopwatch.GetElapsedTime(kill, answers.Max(static a => a.AnsweredAt)).TotalSeconds:N1} s after the kill");
        output.WriteLine($"{answers.Length} answers to {2 * Capacity} claimants: " +
            string.Join(", ", answers.GroupBy(static a => a.Status == 0 ? a.Failure : $"{a.Status} {a.Code}").Select(static g => $"{g.Key} ×{g.Count()}")));
        output.WriteLine($"outcomes: {string.Join(", ", claimants.Outcomes.Values.GroupBy(static o => o).Select(static g => $"{g.Key} {g.Count()}"))}; " +
            $"{claimants.ClaimedAgain.Count} claimed again after their first claim lapsed");
        Assert.True(await ClusterChecks.ActivationsCreatedAsync(admin, OfferGrainType) >= 1, "the survivor answered for the offer without activating it");
        Assert.True(failover <= Failover, $"the offer served from the survivor {failover.TotalSeconds:N2} s after the kill");

        // Only retryable answers besides the outcomes, and a connection failure only from the killed silo, from the kill on.
        Assert.All(answers, a => Assert.True(
            a.SaysRetry || a.Status is 200 or 201 || (a.Status == 409 && a.Code is "offer_exhausted" or "claim_expired"),
            $"claimant {a.Claimant} got {a.Status} {a.Code} (Retry-After {a.RetryAfterSeconds})"));
        Assert.All(answers.Where(static a => a.Status == 0), a => Assert.True(
            a.Silo == 0 && a.AnsweredAt >= kill, $"claimant {a.Claimant} lost its connection to silo {a.Silo} ({a.Failure})"));

        // A retry of a claim the killed silo was running takes its Idempotency-Key over as soon as membership declares
        // that silo dead, and reuses the places the claim held: nobody waits for the key to age out, nobody is told to
        // claim again, and the burst settles long before a hold could lapse.
        var settled = Stopwatch.GetElapsedTime(kill, answers.Max(static a => a.AnsweredAt));
        Assert.DoesNotContain(answers, static a => a.Code is "claim_expired");
        Assert.Empty(claimants.ClaimedAgain);
        Assert.True(settled < Holds.Ttl, $"the last claimant settled {settled.TotalSeconds:N1} s after the kill");

        // Every claimant settled; none was left holding a retryable answer.
        Assert.Equal(2 * Capacity, claimants.Outcomes.Count);
        Assert.All(claimants.Outcomes, o => Assert.True(o.Value is "issued" or "offer_exhausted", $"claimant {o.Key} ended with {o.Value}"));

        // Every claimant retried to the end, so the passes that exist are exactly the ones acknowledged: none lost, none
        // issued behind a client's back, none shared by two keys, never more than the capacity.
        var stored = await ClusterChecks.StoredPassesAsync(admin, offer.LotId);
        var acknowledged = claimants.Acknowledged.ToArray();
        Assert.Equal(acknowledged.Length, acknowledged.Select(static a => a.Value).Distinct().Count());
        Assert.True(stored.SetEquals(acknowledged.Select(static a => a.Value)), $"{stored.Count} passes stored, {acknowledged.Length} acknowledged");
        Assert.True(stored.Count <= Capacity, $"{stored.Count} passes for an offer of {Capacity}");

        // A late retry with the same Idempotency-Key, through the survivor, gets the same pass.
        foreach (var (key, passId) in acknowledged)
        {
            var replay = await claimants.ReplayAsync(key, 1);
            Assert.True(replay.PassId == passId, $"{key} was answered {passId}, and on retry {replay.Status} {replay.Code} {replay.PassId}");
        }

        // Holds of the claims that died with the silo lapse (30 s) until the offer counts exactly the passes that exist.
        await Eventually.HoldsAsync(
            async () =>
            {
                var read = await admin.GetOkAsync($"/api/offers/{offer.OfferId}");
                return read.GetProperty("pendingCount").GetInt32() == 0 && read.GetProperty("claimedCount").GetInt32() == stored.Count;
            },
            "the offer counts exactly the passes that exist",
            TimeSpan.FromSeconds(90));

        // The killed silo's event queues moved to the survivor, and events flowed on through them.
        Assert.True(survivorQueues < EventQueues, $"before the kill the survivor pulled {survivorQueues} of {EventQueues} queues: none could move");
        await Eventually.HoldsAsync(() => ClusterChecks.OwnedQueues(survivor) == EventQueues, "the survivor pulls every event queue", TimeSpan.FromSeconds(30));
        await AssertEventsDeliveredAsync(admin, offer.CustomerId, stored);
        await AssertOccupancyFollowsAsync(admin, offer.LotId, stored, killedAt);

        Assert.Equal(0, await survivor.InterruptAsync());
    }

    [Fact]
    public async Task SteadyClaimLoad_RollingRestartBySigtermThenCtrlC_EveryRequestAnsweredOrRetryableAndNothingAcknowledgedLost()
    {
        ClusterOffer? made = null;
        using var cluster = await ClusterOfTwo.StartAsync(
            "cluster_rolling", unusedDataDirectory, async http => made = await CreateOfferAsync(http, "Rolling", LotCapacity), settings: Settings);
        var offer = made!;
        using var throughA = Anonymous(cluster.FirstHttp);
        using var throughB = Anonymous(cluster.SecondHttp);
        var claimants = new ClusterClaimants([throughA, throughB], offer.ShareToken, offer.LotId, "roll", 778);

        using var stop = new CancellationTokenSource();
        var load = claimants.RunSteadyAsync(workers: 6, pause: TimeSpan.FromMilliseconds(50), stop.Token);
        await Eventually.HoldsAsync(() => claimants.Acknowledged.Count >= 20, "the load is under way", TimeSpan.FromSeconds(60));

        var down = new List<(int Silo, long From, long To)>();
        foreach (var (index, signal) in new[] { (0, "SIGTERM"), (1, "Ctrl+C") })
        {
            var silo = cluster.Silo(index);
            var other = cluster.Silo(1 - index);

            // A claim held in flight on the silo across the signal: the drain must finish it.
            var release = new TaskCompletionSource();
            var held = claimants.ClaimSlowlyAsync(1_000_000 + index, index, release.Task);
            await Task.Delay(TimeSpan.FromMilliseconds(250)); // for its headers to reach the silo: no answer can come before the release
            var signalled = Stopwatch.GetTimestamp();
            var stopped = index == 0 ? silo.TerminateAsync() : silo.InterruptAsync();

            // It takes no new connection at once, so a load balancer sees it gone and sends the load to the other.
            await Eventually.HoldsAsync(async () => !await AcceptsAsync(silo.Port), $"{signal}: the silo stops taking connections", TimeSpan.FromSeconds(10));
            var closedAfter = Stopwatch.GetElapsedTime(signalled);

            // Held longer than Orleans takes to stop (0.35 to 0.6 s when it stopped beside the web server, not after
            // it): all that time the silo stays an active member, so the claim finds every grain where it was.
            await Task.Delay(HeldAfterClose);
            Assert.False(held.IsCompleted, "the held claim was answered before its body was complete");
            Assert.Equal(Active, await cluster.MembershipStatusAsync(silo));
            var released = Stopwatch.GetTimestamp();
            release.SetResult();
            var heldAnswer = await held;
            var exitCode = await stopped;
            down.Add((index, signalled, long.MaxValue));
            output.WriteLine($"{signal} to silo {index}: listener closed after {closedAfter.TotalSeconds:N2} s; the claim held in flight answered " +
                $"{heldAnswer.Status} {heldAnswer.Code}; exit {exitCode} {Stopwatch.GetElapsedTime(released).TotalSeconds:N2} s after its release");
            Assert.True(heldAnswer.Status == 201, $"the claim in flight at {signal} was answered {heldAnswer.Status} {heldAnswer.Code} {heldAnswer.Failure}");
            Assert.Equal(0, exitCode);

            // It left the cluster: its row says dead, so the other silo does not wait for missed probes.
            Assert.Equal(Dead, await cluster.MembershipStatusAsync(silo));
            await Eventually.HoldsAsync(() => ClusterChecks.OwnedQueues(other) == EventQueues, "the other silo pulls every event queue", TimeSpan.FromSeconds(30));

            var restarting = Stopwatch.GetTimestamp();
            await cluster.RestartAsync(index);
            down[^1] = (index, signalled, Stopwatch.GetTimestamp());
            output.WriteLine($"silo {index} restarted and both see both {Stopwatch.GetElapsedTime(restarting).TotalSeconds:N2} s later");
            await Eventually.HoldsAsync(
                () => claimants.Answers.Any(a => a.Silo == index && a.SentAt > down[^1].To && a.Status is 200 or 201),
                "the restarted silo serves claims",
                TimeSpan.FromSeconds(30));
            await Eventually.HoldsAsync(
                () => ClusterChecks.OwnedQueues(cluster.Silo(index)) is > 0,
                "the restarted silo pulls event queues again",
                TimeSpan.FromSeconds(30));
        }

        await stop.CancelAsync();
        await load;
        var answers = claimants.Answers.ToArray();
        output.WriteLine($"{answers.Length} answers, {claimants.Acknowledged.Count} passes: " +
            string.Join(", ", answers.GroupBy(static a => a.Status == 0 ? a.Failure : $"{a.Status} {a.Code}").Select(static g => $"{g.Key} ×{g.Count()}")));

        // No request failed without a retryable answer; a connection failed only to a silo that was going or gone.
        Assert.All(answers, a => Assert.True(
            a.SaysRetry || a.Status is 200 or 201, $"claimant {a.Claimant} got {a.Status} {a.Code} (Retry-After {a.RetryAfterSeconds})"));
        Assert.All(answers.Where(static a => a.Status == 0), a => Assert.True(
            down.Any(d => d.Silo == a.Silo && a.AnsweredAt >= d.From && a.SentAt <= d.To),
            $"claimant {a.Claimant} lost its connection to silo {a.Silo} while it ran ({a.Failure})"));
        Assert.All(claimants.Outcomes, o => Assert.True(o.Value == "issued", $"claimant {o.Key} ended with {o.Value}"));

        // A request a stopping silo had begun and then dropped would leave its key in progress for the retry to find.
        Assert.DoesNotContain(answers, static a => a.Code == "idempotency_key_in_progress");

        // Nothing acknowledged is lost, nothing issued behind a client's back, and the offer counts what exists.
        var admin = cluster.FirstHttp;
        var stored = await ClusterChecks.StoredPassesAsync(admin, offer.LotId);
        Assert.True(stored.SetEquals(claimants.Acknowledged.Values), $"{stored.Count} passes stored, {claimants.Acknowledged.Count} acknowledged");
        await Eventually.HoldsAsync(
            async () =>
            {
                var read = await admin.GetOkAsync($"/api/offers/{offer.OfferId}");
                return read.GetProperty("pendingCount").GetInt32() == 0 && read.GetProperty("claimedCount").GetInt32() == stored.Count;
            },
            "the offer counts exactly the passes that exist",
            TimeSpan.FromSeconds(60));
        await AssertEventsDeliveredAsync(admin, offer.CustomerId, stored);

        Assert.Equal(0, await cluster.Second.InterruptAsync());
        Assert.Equal(0, await cluster.First.InterruptAsync());
    }

    /// <summary>
    /// Each pass's <c>pass.issued</c> exactly once and in order, both in the customer's event feed (read from the log) and
    /// at a webhook (handed over by the stream's subscriber, wherever its queue is pulled).
    /// </summary>
    private async Task AssertEventsDeliveredAsync(HttpClient admin, Guid customerId, IReadOnlySet<Guid> stored)
    {
        ClusterChecks.OncePerPassInOrder(await ClusterChecks.PassIssuedFeedAsync(admin, customerId, stored.Count), stored, "the event feed");
        await Eventually.HoldsAsync(
            () => ClusterChecks.WebhookDeliveries(receiver).Deliveries.Count >= stored.Count, "the webhook received every pass", TimeSpan.FromSeconds(60));
        var (deliveries, repeats) = ClusterChecks.WebhookDeliveries(receiver);
        output.WriteLine($"webhook: {deliveries.Count} deliveries of pass.issued, {repeats} repeated");
        ClusterChecks.OncePerPassInOrder(deliveries, stored, "the webhook");
    }

    /// <summary>
    /// The lot's plate index follows the pass events of a pass issued after the kill: suspended through the API, it stops
    /// authorizing its plate. The occupancy grain is active before the suspension, so only the lot's stream can tell it.
    /// </summary>
    private static async Task AssertOccupancyFollowsAsync(HttpClient admin, Guid lotId, IReadOnlySet<Guid> stored, DateTimeOffset killedAt)
    {
        var passes = await Task.WhenAll(stored.Select(id => admin.GetOkAsync($"/api/passes/{id}")));
        var late = passes.MaxBy(static p => p.GetProperty("issuedAt").GetDateTimeOffset())!;
        Assert.True(late.GetProperty("issuedAt").GetDateTimeOffset() > killedAt, "no pass was issued after the kill");
        var plate = late.GetProperty("plate").GetString();
        Assert.True((await admin.GetOkAsync($"/api/enforcement/lookup?lotId={lotId}&plate={plate}")).GetProperty("authorized").GetBoolean());
        await admin.PostOkAsync($"/api/passes/{late.Id()}/suspend", new { });
        await Eventually.HoldsAsync(
            async () => (await admin.GetOkAsync($"/api/enforcement/lookup?lotId={lotId}&plate={plate}")).GetProperty("reason").GetString() == "suspended",
            "the plate lookup sees the suspension",
            TimeSpan.FromSeconds(30));
    }

    private async Task<ClusterOffer> CreateOfferAsync(HttpClient admin, string name, int capacity)
    {
        var customer = (await admin.PostOkAsync("/api/customers", new { name = $"{name} Co" })).Id();
        var property = (await admin.PostOkAsync($"/api/customers/{customer}/properties", new { name = $"{name} Tower", timezone = "UTC" })).Id();
        var lot = (await admin.PostOkAsync($"/api/properties/{property}/lots", new { name = $"{name} Lot", capacity = LotCapacity, mode = "both" })).Id();
        var passType = (await admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Event",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 6 } },
        })).Id();
        var offer = await admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "group", passTypeId = passType, capacity });
        await admin.PostOkAsync("/api/webhooks", new { url = receiver.Url, eventTypes = new[] { "pass.issued" }, customerId = customer });
        return new ClusterOffer(customer, lot, offer.Id(), offer.GetProperty("shareToken").GetString()!);
    }

    private static HttpClient Anonymous(HttpClient admin) => new() { BaseAddress = admin.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
