using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// P1: thousands of malformed and hostile requests across every route of the live route table — broken JSON, wrong
/// types, huge and deeply nested bodies, bad and foreign ids, missing and forged keys — and not one answers 5xx;
/// every refusal is a problem document. Seeded, so a failure reproduces.
/// </summary>
public sealed partial class FuzzApiTests : IAsyncLifetime
{
    private static readonly int RequestsPerRoute = 24 * FaultScale.Factor;
    private ApiSilo silo = null!;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("fuzz"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task EveryRoute_HostileRequests_NeverAnswer5xxAndAlwaysExplainWithAProblem()
    {
        var own = await Tenant.CreateAsync(silo, "Fuzz");
        var foreign = await Tenant.CreateAsync(silo, "Other");
        var routes = silo.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(static e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(static e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        var ids = new[] { own.CustomerId, own.PropertyId, own.LotId, own.UnitId, own.PassId, own.OfferId, foreign.LotId, foreign.PassId, Guid.Empty, Guid.NewGuid() }
            .Select(static g => g.ToString()).Concat(["not-a-guid", "1", new string('9', 400), "%00", "..%2F..", "' OR 1=1 --"]).ToArray();
        var keys = new[] { null, ApiSilo.AdminKey, own.Keys[Roles.Operator], own.Keys[Roles.Manager], own.Keys[Roles.Enforcement], own.Keys[Roles.Consumer], "vrps_" + Guid.NewGuid().ToString("N") + "_forged", "garbage" };
        var random = new Random(20261122);
        var requests = routes.SelectMany(route => Enumerable.Range(0, RequestsPerRoute).Select(_ => Build(route.Method, route.Pattern, ids, keys, random))).ToList();

        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(requests.Select(async request =>
        {
            await gate.WaitAsync();
            try
            {
                using var client = silo.CreateClient(request.Key);
                client.Timeout = TimeSpan.FromSeconds(20);
                using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
                if (request.Body is not null)
                {
                    message.Content = new StringContent(request.Body, Encoding.UTF8);
                    message.Content.Headers.ContentType = request.ContentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(request.ContentType);
                }

                if (request.IdempotencyKey is not null)
                {
                    message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
                }

                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || (status >= 400 && type != "application/problem+json"))
                {
                    var text = await response.Content.ReadAsStringAsync();
                    failures.Add($"{request.Method} {request.Url} key={request.Key?[..Math.Min(request.Key.Length, 8)]} body={request.Body?[..Math.Min(request.Body.Length, 80)]} -> {status} {type} {text[..Math.Min(text.Length, 300)]}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.True(requests.Count >= 2000, $"expected thousands of requests, sent {requests.Count}");
        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(40)));
    }

    private static FuzzRequest Build(string method, string pattern, string[] ids, string?[] keys, Random random)
    {
        var url = Parameter().Replace(pattern, _ => Uri.EscapeDataString(ids[random.Next(ids.Length)])).TrimEnd('/');
        url += random.Next(4) switch
        {
            0 => "",
            1 => $"?limit={random.Next(-5, 500)}&cursor={Uri.EscapeDataString(ids[random.Next(ids.Length)])}",
            2 => $"?lotId={Uri.EscapeDataString(ids[random.Next(ids.Length)])}&plate=%F0%9F%9A%97&entityId={Uri.EscapeDataString(ids[random.Next(ids.Length)])}&from=yesterday&to=2026-13-45",
            _ => $"?status=%00&types=,,,&after=-1&customerId={Uri.EscapeDataString(ids[random.Next(ids.Length)])}&limit=1",
        };
        var body = method is "POST" or "PUT" or "PATCH" || random.Next(6) == 0 ? Bodies[random.Next(Bodies.Length)] : null;
        var contentType = random.Next(8) switch
        {
            0 => "text/plain",
            1 => null,
            _ => "application/json",
        };
        var idempotency = random.Next(5) switch
        {
            0 => new string('k', 300),
            1 => "same-key",
            2 => "   ",
            _ => null,
        };
        return new FuzzRequest(method, url, keys[random.Next(keys.Length)], body, contentType, idempotency);
    }

    private static readonly string[] Bodies =
    [
        "", "{", "}", "null", "[]", "[{}]", "\"string\"", "42", "true", "{\"name\":", "{\"name\": 123}", "{\"name\": null}",
        "{\"name\": [\"x\"], \"capacity\": \"many\"}", "{\"capacity\": 1e309}", "{\"capacity\": -2147483649}", "{\"capacity\": 3.5}",
        "{\"mode\": \"sideways\", \"kind\": \"teleport\", \"role\": \"god\", \"priority\": \"whenever\"}",
        "{\"timezone\": \"Mars/Olympus_Mons\", \"name\": \"x\"}",
        "{\"start\": \"not a date\", \"end\": \"2026-02-30T25:61:00Z\", \"checkIn\": 5, \"checkOut\": {}}",
        "{\"passTypeId\": \"00000000-0000-0000-0000-000000000000\", \"kind\": \"open\"}",
        "{\"terms\": {\"rateStructure\": \"flat\", \"amountCents\": -5, \"duration\": {\"kind\": \"forever\"}}}",
        "{\"rules\": [{\"categoryPattern\": \"((\", \"priority\": 7}]}", "{\"touchpoints\": [null, 1, \"x\"]}",
        "{\"lotIds\": [\"nope\"]}", "{\"url\": \"javascript:alert(1)\", \"eventTypes\": [\"*\", 5]}",
        "{\"plate\": \"" + new string('A', 5000) + "\", \"phone\": \"+++\", \"email\": \"@\"}",
        "{\"name\": \"" + new string('x', 200_000) + "\"}",
        new string('[', 2000) + new string(']', 2000),
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 301),
        "\u0000\u0001\u0002\uFFFF",
        "{\"name\": \"\uD800\"}",
    ];

    private sealed record FuzzRequest(string Method, string Url, string? Key, string? Body, string? ContentType, string? IdempotencyKey);

    [GeneratedRegex(@"\{[A-Za-z]+(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
