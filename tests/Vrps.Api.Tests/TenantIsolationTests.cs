using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// P3: a key never reaches another customer's data. The walk is generated from the live route table, so a route
/// added later is walked too — and fails the test if the walk does not know how to fill its parameters.
/// </summary>
public sealed partial class TenantIsolationTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("isolation"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task EveryRoute_EveryRoleOfTenantA_OnTenantBResources_AnswersNotFound()
    {
        var a = await Tenant.CreateAsync(silo, "Alpha");
        var b = await Tenant.CreateAsync(silo, "Beta");
        var records = await SeedRecordsAsync(b);
        var document = JsonNode.Parse(await silo.Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var routes = silo.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(static e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            // The public reads answer anyone holding the secret in their path (a printed slug, a share token, a pass id)
            // and belong to no tenant's key; PublicPagesApiTests checks what they show.
            .Where(static e => !e.RoutePattern.RawText!.StartsWith("/api/public/", StringComparison.Ordinal))
            .SelectMany(static e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 30, $"expected the whole route table, found {routes.Count} routes");

        var failures = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            foreach (var (role, key) in a.Keys)
            {
                using var client = silo.CreateClient(key);
                var (url, body) = Request(method, pattern, b, records, document);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var expected = Expected(method, pattern);
                if (!expected.Contains(response.StatusCode) || Leaks(text, b, url + body))
                {
                    failures.Add($"{role} {method} {url} -> {(int)response.StatusCode} {text}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Routes that name no tenant resource: refused outright, or (lists) answered with the caller's own items only.</summary>
    private static HttpStatusCode[] Expected(string method, string pattern) => (method, pattern) switch
    {
        ("POST", "/api/customers/") or ("POST", "/api/enforcement-companies/") => [HttpStatusCode.Forbidden],
        ("GET", "/api/api-keys/") or ("GET", "/api/customers/") => [HttpStatusCode.OK, HttpStatusCode.Forbidden],
        // Every key reads itself; the walk's leak check shows it names nothing of the other tenant.
        ("GET", "/api/api-keys/current") => [HttpStatusCode.OK],
        ("POST", "/api/claims/") => [HttpStatusCode.UnprocessableEntity],
        ("POST", "/api/consumers/") => [HttpStatusCode.Created, HttpStatusCode.Forbidden],
        ("GET", "/api/events/") => [HttpStatusCode.NotFound, HttpStatusCode.Forbidden],
        _ => [HttpStatusCode.NotFound],
    };

    /// <summary>Whether the answer names a foreign id the caller did not send itself (a problem may echo the requested id).</summary>
    private static bool Leaks(string body, Tenant foreign, string url) =>
        new[] { foreign.CustomerId, foreign.PropertyId, foreign.LotId, foreign.UnitId, foreign.UserId, foreign.OperatorKeyId, foreign.WebhookId, foreign.ConsumerId, foreign.PassTypeId, foreign.OfferId, foreign.PassId, foreign.TicketId, foreign.ReservationId, foreign.AmenityId, foreign.BookingId }
            .Select(static id => id.ToString())
            .Any(id => !url.Contains(id, StringComparison.OrdinalIgnoreCase) && body.Contains(id, StringComparison.OrdinalIgnoreCase));

    private static (string Url, string? Body) Request(string method, string pattern, Tenant b, IReadOnlyDictionary<string, Guid> records, JsonNode document)
    {
        var resource = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        var url = Parameter().Replace(pattern, match => match.Groups["name"].Value switch
        {
            "id" => resource switch
            {
                "customers" => b.CustomerId.ToString(),
                "properties" => b.PropertyId.ToString(),
                "lots" => b.LotId.ToString(),
                "units" => b.UnitId.ToString(),
                "api-keys" => b.OperatorKeyId.ToString(),
                "enforcement-companies" => b.CompanyId.ToString(),
                "webhooks" => b.WebhookId.ToString(),
                "consumers" => b.ConsumerId.ToString(),
                "pass-types" => b.PassTypeId.ToString(),
                "offers" => b.OfferId.ToString(),
                "passes" => b.PassId.ToString(),
                "reservations" => b.ReservationId.ToString(),
                "tickets" => b.TicketId.ToString(),
                "amenities" => b.AmenityId.ToString(),
                "bookings" => b.BookingId.ToString(),
                _ when records.TryGetValue(resource!, out var record) => record.ToString(),
                _ => throw new InvalidOperationException($"The isolation walk does not know what {{id}} of /api/{resource} is: teach it in {nameof(Request)}."),
            },
            "propertyId" => b.PropertyId.ToString(),
            "lotId" => b.LotId.ToString(),
            "userId" => b.UserId.ToString(),
            var other => throw new InvalidOperationException($"The isolation walk does not know route parameter {{{other}}} of {pattern}: teach it in {nameof(Request)}."),
        }).TrimEnd('/');

        // A body naming every required field, so the walk reaches the endpoint's access check instead of stopping at
        // the required-field check that runs before it.
        string? body = method is "POST" or "PUT" or "PATCH"
            ? (RequestBodies.For(document, method, pattern) is { } schema ? RequestBodies.WithRequired(document, schema).ToJsonString() : "{}")
            : null;
        switch (method, pattern)
        {
            case ("GET", "/api/audit/"):
                url += $"?entityId={b.LotId}";
                break;
            case ("GET", "/api/events/"):
                // A key naming another tenant's stream. limit=1 from the start makes a wrongly opened stream end at once
                // (both streams have events), so the walk reports it instead of hanging.
                url += $"?customerId={b.CustomerId}&limit=1";
                break;
            case ("POST", "/api/webhooks/"):
                body = JsonSerializer.Serialize(new { url = "http://127.0.0.1:9/foreign", eventTypes = new[] { "*" }, customerId = b.CustomerId });
                break;
            case ("GET", "/api/enforcement/lookup"):
                url += $"?lotId={b.LotId}&plate=AB123";
                break;
            case ("POST", "/api/enforcement/scans"):
            case ("POST", "/api/enforcement/violations"):
                body = JsonSerializer.Serialize(new { lotId = b.LotId, plate = "AB123", reason = "No permit displayed" });
                break;
            case ("POST", "/api/consumers/"):
                body = JsonSerializer.Serialize(new { name = "Foreign Driver" });
                break;
            case ("POST", "/api/claims/"):
                // Claims take no key: without B's code, B's claim-code offer refuses, saying nothing about it.
                body = JsonSerializer.Serialize(new { offerId = b.OfferId, lotId = b.LotId, phone = "+15559990000", plate = "WALK1" });
                break;
            case ("POST", "/api/api-keys/"):
                body = JsonSerializer.Serialize(new { name = "foreign", role = "operator", customerId = b.CustomerId });
                break;
            case ("GET", "/api/api-keys/"):
            case ("GET", "/api/api-keys/current"):
            case ("GET", "/api/customers/"):
            case ("POST", "/api/customers/"):
            case ("POST", "/api/enforcement-companies/"):
                break;
            default:
                if (!pattern.Contains('{', StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{method} {pattern} names no tenant resource: say in the isolation walk what it must answer.");
                }

                break;
        }

        return (url, body);
    }

    /// <summary>Tenant B's patrol log and payout (of its seeded charged pass), by route resource: records outside the tree.</summary>
    private async Task<IReadOnlyDictionary<string, Guid>> SeedRecordsAsync(Tenant b)
    {
        var admin = silo.Client;
        var scan = (await admin.PostOkAsync("/api/enforcement/scans", new { lotId = b.LotId, plate = "BETA1" })).Id();
        var violation = (await admin.PostOkAsync("/api/enforcement/violations", new { lotId = b.LotId, plate = "BETA1", reason = "No permit displayed" })).Id();
        var payout = (await admin.PostOkAsync($"/api/customers/{b.CustomerId}/payouts", new { })).Id();
        return new Dictionary<string, Guid> { ["scans"] = scan, ["violations"] = violation, ["payouts"] = payout };
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
