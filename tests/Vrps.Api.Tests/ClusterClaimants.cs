using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vrps.Api.Tests;

/// <summary>
/// Claimants of one group offer, sent through the silos of a cluster the way a careful client behaves. Each has its own
/// Idempotency-Key and, while the answer says nothing was settled (no connection, or 503, or 409 <c>conflict</c> or
/// <c>idempotency_key_in_progress</c>, each with Retry-After), sends the same request again through the other silo
/// (unless that one refused a connection within the last second, as a load balancer would pass it over).
/// A claim whose hold lapsed meanwhile (409 <c>claim_expired</c>) is claimed again once, with a new key, as that answer
/// asks. Every answer is recorded for the test to judge.
/// </summary>
/// <param name="name">Starts each Idempotency-Key and plate; letters only.</param>
/// <param name="phoneArea">The three digits after +1 of every claimant's phone, so that sets of claimants never share a consumer.</param>
internal sealed class ClusterClaimants(IReadOnlyList<HttpClient> silos, string shareToken, Guid lotId, string name, int phoneArea)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(150);

    /// <summary>How long a silo that refused a connection is passed over, as a load balancer marks it down.</summary>
    private static readonly TimeSpan RefusedFor = TimeSpan.FromSeconds(1);

    private readonly long[] refusedAt = new long[silos.Count];
    private int started;

    /// <summary>Every answer, in the order they arrived.</summary>
    public ConcurrentQueue<ClaimAnswer> Answers { get; } = new();

    /// <summary>The pass each Idempotency-Key was answered with (200 or 201).</summary>
    public ConcurrentDictionary<string, Guid> Acknowledged { get; } = new();

    /// <summary>Each claimant's last word: <c>issued</c>, a refusal's code, or <c>gave up</c>.</summary>
    public ConcurrentDictionary<int, string> Outcomes { get; } = new();

    /// <summary>Claimants whose first key's claim lapsed and who claimed again with a new key.</summary>
    public ConcurrentBag<int> ClaimedAgain { get; } = [];

    /// <summary>A burst: claimants 0 … count-1, claimant i first through silo i mod 2, <paramref name="inFlight"/> at a time.</summary>
    public async Task RunBurstAsync(int count, int inFlight)
    {
        using var gate = new SemaphoreSlim(inFlight);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
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
        }));
    }

    /// <summary>A steady load: <paramref name="workers"/> clients, each claiming for a new claimant every <paramref name="pause"/> until stopped.</summary>
    public async Task RunSteadyAsync(int workers, TimeSpan pause, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ClaimAsync(Interlocked.Increment(ref started));
                await Task.Delay(pause, CancellationToken.None);
            }
        }));
    }

    /// <summary>
    /// One claim through silo <paramref name="silo"/> whose body is sent in two halves: the second only once
    /// <paramref name="release"/> completes, so the request is in the silo's hands, unfinished, until then.
    /// </summary>
    public async Task<ClaimAnswer> ClaimSlowlyAsync(int claimant, int silo, Task release)
    {
        var key = $"{name}-{claimant}";
        var answer = await SendAsync(claimant, key, silo, body => new GatedContent(body, release));
        if (answer.Status is 200 or 201)
        {
            Acknowledged[key] = answer.PassId!.Value;
        }

        return answer;
    }

    /// <summary>Sends the claimant's request once more, as a late retry would, through silo <paramref name="silo"/>.</summary>
    public async Task<ClaimAnswer> ReplayAsync(string key, int silo) => await SendAsync(ClaimantOf(key), key, silo);

    private async Task ClaimAsync(int claimant)
    {
        var key = $"{name}-{claimant}";
        var silo = Refused(claimant % 2) ? 1 - claimant % 2 : claimant % 2;
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            var answer = await SendAsync(claimant, key, silo);
            if (answer.Status is 200 or 201)
            {
                Acknowledged[key] = answer.PassId!.Value;
                Outcomes[claimant] = "issued";
                return;
            }

            if (answer.Code == "claim_expired" && !key.EndsWith("-again", StringComparison.Ordinal))
            {
                ClaimedAgain.Add(claimant);
                key += "-again";
                continue;
            }

            if (!answer.SaysRetry)
            {
                Outcomes[claimant] = answer.Code ?? answer.Status.ToString(CultureInfo.InvariantCulture);
                return;
            }

            if (Stopwatch.GetElapsedTime(since) > GiveUpAfter)
            {
                Outcomes[claimant] = "gave up";
                return;
            }

            // As the answer asks, but no longer than a second: the test's clock matters more than the silo's load here.
            await Task.Delay(answer.Status == 0 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(Math.Clamp(answer.RetryAfterSeconds ?? 0, 0.05, 1)));
            if (answer.Status == 0)
            {
                Volatile.Write(ref refusedAt[silo], Stopwatch.GetTimestamp());
            }

            silo = answer.Status == 0 || !Refused(1 - silo) ? 1 - silo : silo;
        }
    }

    private async Task<ClaimAnswer> SendAsync(int claimant, string key, int silo, Func<byte[], HttpContent>? content = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new { shareToken, lotId, phone = $"+1{phoneArea:D3}{claimant:D7}", plate = $"{name[..Math.Min(3, name.Length)].ToUpperInvariant()}{claimant}" },
            JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = content?.Invoke(body) ?? new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", key);
        var sent = Stopwatch.GetTimestamp();
        ClaimAnswer answer;
        try
        {
            using var response = await silos[silo].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
            var code = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var c) ? c.GetString() : null;
            Guid? passId = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created ? json.GetProperty("id").GetGuid() : null;
            answer = new ClaimAnswer(
                claimant, key, silo, sent, Stopwatch.GetTimestamp(), (int)response.StatusCode, code, response.Headers.RetryAfter?.Delta?.TotalSeconds, passId, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            var failure = exception is HttpRequestException { HttpRequestError: var error } ? error.ToString() : exception.GetType().Name;
            answer = new ClaimAnswer(claimant, key, silo, sent, Stopwatch.GetTimestamp(), 0, null, null, null, failure);
        }

        Answers.Enqueue(answer);
        return answer;
    }

    private bool Refused(int silo) => Volatile.Read(ref refusedAt[silo]) is var at && at != 0 && Stopwatch.GetElapsedTime(at) < RefusedFor;

    private static int ClaimantOf(string key) => int.Parse(key.Split('-')[1], CultureInfo.InvariantCulture);
}
