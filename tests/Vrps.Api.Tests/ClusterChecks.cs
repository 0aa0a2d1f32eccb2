using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vrps.Api.Tests;

/// <summary>What a user relies on after a cluster's membership changed, read through the API (and the silos' own log).</summary>
internal static partial class ClusterChecks
{
    /// <summary>Every pass of the lot, through every page.</summary>
    public static async Task<HashSet<Guid>> StoredPassesAsync(HttpClient admin, Guid lotId)
    {
        var passes = new HashSet<Guid>();
        string? cursor = null;
        do
        {
            var page = await admin.GetOkAsync($"/api/lots/{lotId}/passes?limit=200" + (cursor is null ? "" : $"&cursor={cursor}"));
            passes.UnionWith(page.GetProperty("items").EnumerateArray().Select(static p => p.Id()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return passes;
    }

    /// <summary>
    /// The customer's event feed from its start, filtered to <c>pass.issued</c>, closed by the server after
    /// <paramref name="count"/> events: each event's sequence and pass id, in the order the feed sent them.
    /// </summary>
    public static async Task<List<(long Sequence, Guid PassId)>> PassIssuedFeedAsync(HttpClient admin, Guid customerId, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events?customerId={customerId}&after=0&types=pass.issued&limit={count}");
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The event feed did not hold {count} pass.issued events within 60 s.");
        }

        return body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(static block => block.Split('\n').FirstOrDefault(static line => line.StartsWith("data: ", StringComparison.Ordinal)))
            .OfType<string>()
            .Select(static line => JsonDocument.Parse(line["data: ".Length..]).RootElement)
            .Select(static e => (e.GetProperty("sequence").GetInt64(), e.GetProperty("data").GetProperty("id").GetGuid()))
            .ToList();
    }

    /// <summary>
    /// The webhook deliveries a receiver got, each delivery id once (a repeat is allowed: at-least-once, de-duplicated on
    /// webhook-id), in the order of their first arrival, with how many arrivals were repeats.
    /// </summary>
    public static (List<(long Sequence, Guid PassId)> Deliveries, int Repeats) WebhookDeliveries(WebhookReceiver receiver)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deliveries = new List<(long, Guid)>();
        var repeats = 0;
        foreach (var received in receiver.Received.ToArray())
        {
            if (!seen.Add(received.Headers["webhook-id"]))
            {
                repeats++;
                continue;
            }

            var payload = JsonDocument.Parse(received.Body).RootElement;
            deliveries.Add((payload.GetProperty("sequence").GetInt64(), payload.GetProperty("data").GetProperty("id").GetGuid()));
        }

        return (deliveries, repeats);
    }

    /// <summary>Asserts that <paramref name="events"/> name each of <paramref name="passes"/> exactly once, in increasing sequence.</summary>
    public static void OncePerPassInOrder(IReadOnlyList<(long Sequence, Guid PassId)> events, IReadOnlySet<Guid> passes, string where)
    {
        var repeated = events.GroupBy(static e => e.PassId).Where(static g => g.Count() > 1).Select(static g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{where}: {repeated.Count} passes issued more than once, e.g. {repeated.FirstOrDefault()}");
        var named = events.Select(static e => e.PassId).ToHashSet();
        Assert.True(named.SetEquals(passes), $"{where}: {named.Count} passes named, {passes.Count} stored, {named.Except(passes).Count()} unknown, {passes.Except(named).Count()} missing");
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i - 1].Sequence < events[i].Sequence, $"{where}: sequence {events[i].Sequence} came after {events[i - 1].Sequence}");
        }
    }

    /// <summary>
    /// How many of the event stream provider's queues the silo pulls now, from the last such line of Orleans' own log
    /// (<c>Now own total of N queues</c>); null before it logged any.
    /// </summary>
    public static int? OwnedQueues(SiloProcess silo) =>
        silo.Output.Select(static line => OwnTotal().Match(line)).LastOrDefault(static m => m.Success) is { } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>How many activations of grains of <paramref name="grainType"/> the silo has created, from Orleans' meter at /api/metrics.</summary>
    public static async Task<long> ActivationsCreatedAsync(HttpClient admin, string grainType)
    {
        using var response = await admin.GetAsync("/api/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prefix = "orleans_catalog_activation_created_total{";
        var label = $"grain_type=\"{grainType}\"";
        return (await response.Content.ReadAsStringAsync()).Split('\n')
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Sum(static line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Now own total of (\d+) queues")]
    private static partial Regex OwnTotal();
}
