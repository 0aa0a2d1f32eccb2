using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Api.Auth;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Issue 9: the OpenAPI document tells clients the truth. It reads back without errors and follows our rules, a
/// generated C# client compiles, and every answer of a broad run through the whole API matches the schema the
/// document declares for its operation and status.
/// </summary>
public sealed class OpenApiContractTests : IAsyncLifetime
{
    private ApiSilo silo = null!;
    private ContractValidatingHandler contract = null!;
    private string document = "";

    public async Task InitializeAsync()
    {
        silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("contract"), handler: async address =>
        {
            using var plain = new HttpClient { BaseAddress = address };
            document = await plain.GetStringAsync("/swagger/v1/swagger.json");
            return contract = new ContractValidatingHandler(OpenApiResponseValidator.Parse(document));
        });
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public void Document_ReadBackWithMicrosoftOpenApi_ReportsNoErrors()
    {
        var errors = OpenApiLint.ReadBack(document);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Document_OwnRules_AllHold()
    {
        var anonymous = silo.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(static e => e.Metadata.GetMetadata<AllowAnonymousKeyAttribute>() is not null)
            .Select(static e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName)
            .ToHashSet(StringComparer.Ordinal);

        var failures = OpenApiLint.OwnRules(document, anonymous);

        Assert.Contains("Claim", anonymous);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Document_ClosedSets_AreEnums()
    {
        var schemas = System.Text.Json.Nodes.JsonNode.Parse(document)!["components"]!["schemas"]!;

        Assert.Equal(["open", "claim_code", "group", "direct"], Enum(schemas["OfferView"]!["properties"]!["kind"]!));
        Assert.Equal(["public", "private", "both"], Enum(schemas["LotView"]!["properties"]!["mode"]!));
        Assert.Equal(["free", "flat", "hourly", "daily", "monthly"], Enum(schemas["Terms"]!["properties"]!["rateStructure"]!));
        Assert.Contains("expiring_soon", Enum(schemas["PassView"]!["properties"]!["status"]!));
        Assert.Contains("urgent", Enum(schemas["TicketView"]!["properties"]!["priority"]!));

        static string[] Enum(System.Text.Json.Nodes.JsonNode property) => [.. property["enum"]!.AsArray().Select(static v => v!.GetValue<string>())];
    }

    [Fact]
    public async Task Document_Servers_NameTheBaseUrlItWasFetchedFrom()
    {
        var served = System.Text.Json.Nodes.JsonNode.Parse(await silo.Client.GetStringAsync("/swagger/v1/swagger.json"))!;

        Assert.Equal(silo.Client.BaseAddress!.ToString().TrimEnd('/'), served["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task GeneratedCSharpClient_FromLiveDocument_CompilesWithoutErrors()
    {
        var code = await GeneratedClient.GenerateAsync(document);

        var errors = GeneratedClient.Compile(code);

        Assert.Contains("class VrpsClient", code, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(40)));
    }

    [Fact]
    public void Validate_AnswersTheDocumentDoesNotDeclare_ReportsEachViolation()
    {
        var validator = OpenApiResponseValidator.Parse(document);
        var lot = $"/api/lots/{Guid.NewGuid()}";

        var violations = new[]
        {
            validator.Validate("GET", lot, sentKey: true, 200, "application/json", "{\"id\": \"not-a-uuid\", \"mode\": \"sideways\", \"capacity\": null}"),
            validator.Validate("GET", lot, sentKey: true, 418, "application/problem+json", "{}"),
            validator.Validate("GET", lot, sentKey: true, 404, "application/json", "{}"),
            validator.Validate("GET", lot, sentKey: false, 200, "application/json", "{}"),
            validator.Validate("GET", "/api/nowhere", sentKey: true, 200, "application/json", "{}"),
        }.Select(static v => v.Select(static x => x.Message).ToList()).ToList();

        Assert.Contains(violations[0], static m => m.Contains("uuid", StringComparison.OrdinalIgnoreCase) || m.Contains("format", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(violations[0], static m => m.Contains("enum", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(violations[0], static m => m.Contains("required", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(violations[1], static m => m.Contains("418 is not declared", StringComparison.Ordinal));
        Assert.Contains(violations[2], static m => m.Contains("media type application/json is not declared", StringComparison.Ordinal));
        Assert.Contains(violations[3], static m => m.Contains("bearer", StringComparison.Ordinal));
        Assert.Contains(violations[4], static m => m.Contains("no operation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BroadApiRun_EveryResponse_MatchesItsDeclaredSchema()
    {
        var t = await Tenant.CreateAsync(silo, "Contract");
        var admin = silo.Client;
        using var anonymous = silo.CreateClient(null);
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        using var driver = silo.CreateClient(t.Keys[Roles.Consumer]);

        await ReadTreeAsync(admin, t);
        var seasonal = await admin.PostOkAsync($"/api/lots/{t.LotId}/pass-types", new
        {
            name = "Summer",
            description = "Weekends in summer, 10 passes per unit a month",
            terms = new
            {
                rateStructure = "hourly",
                amountCents = 150,
                duration = new { kind = "end_of_day" },
                seasonal = new { dateRanges = new[] { new { from = "2026-01-01", to = "2030-12-31" } }, weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" } },
                quota = new { kind = "passes", amount = 10, windowDays = 30 },
            },
        });
        var seasonalId = seasonal.Id();
        await admin.PutOkAsync($"/api/pass-types/{seasonalId}/terms", new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 2 } });
        await admin.GetOkAsync($"/api/pass-types/{seasonalId}");
        await admin.GetOkAsync($"/api/pass-types/{t.PassTypeId}");
        await admin.GetOkAsync($"/api/lots/{t.LotId}/pass-types");

        var open = (await admin.PostOkAsync($"/api/lots/{t.LotId}/offers", new { kind = "open", passTypeId = seasonalId, unitId = t.UnitId })).Id();
        var group = await admin.PostOkAsync($"/api/lots/{t.LotId}/offers", new { kind = "group", passTypeId = t.PassTypeId, capacity = 5, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        var direct = (await admin.PostOkAsync($"/api/lots/{t.LotId}/offers", new { kind = "direct", passTypeId = t.PassTypeId, unitId = t.UnitId })).Id();
        await admin.PostOkAsync($"/api/offers/{t.OfferId}/rotate-code", new { });
        await admin.GetOkAsync($"/api/offers/{open}");
        await admin.GetOkAsync($"/api/lots/{t.LotId}/offers");

        var openPass = (await anonymous.PostOkAsync("/api/claims", new { offerId = open, lotId = t.LotId, email = "open@contract.example", plate = "OPEN1" })).Id();
        using (var retried = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = JsonContent.Create(new { shareToken = group.GetProperty("shareToken").GetString(), lotId = t.LotId, phone = "+15550001111", plate = "GRP1" }) })
        {
            retried.Headers.Add("Idempotency-Key", "contract-group-claim");
            using var first = await anonymous.SendAsync(retried);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var replay = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = JsonContent.Create(new { shareToken = group.GetProperty("shareToken").GetString(), lotId = t.LotId, phone = "+15550001111", plate = "GRP1" }) })
        {
            replay.Headers.Add("Idempotency-Key", "contract-group-claim");
            using var second = await anonymous.SendAsync(replay);
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        var issued = (await operatorClient.PostOkAsync($"/api/offers/{direct}/issue", new { consumerId = t.ConsumerId, plate = "DIR1" })).Id();
        await admin.PostOkAsync($"/api/passes/{t.PassId}/suspend", new { });
        await admin.PostOkAsync($"/api/passes/{t.PassId}/resume", new { });
        await admin.PostOkAsync($"/api/passes/{openPass}/cancel", new { });
        await admin.PostOkAsync($"/api/passes/{issued}/revoke", new { });
        await admin.GetOkAsync($"/api/passes/{t.PassId}");
        await admin.GetOkAsync($"/api/lots/{t.LotId}/passes?status=active");
        await admin.GetOkAsync($"/api/lots/{t.LotId}/recently-expired");
        await driver.GetOkAsync($"/api/consumers/{t.ConsumerId}/passes");
        await admin.GetOkAsync($"/api/consumers/{t.ConsumerId}");
        await admin.PostOkAsync($"/api/consumers/{t.ConsumerId}/vehicles", new { plate = "VEH1", description = "Blue hatchback" });
        await admin.PostOkAsync($"/api/offers/{open}/revoke", new { });

        await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=GRP1");
        await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=NOBODY1");
        var scan = (await patrol.PostOkAsync("/api/enforcement/scans", new { lotId = t.LotId, plate = "NOBODY1" })).Id();
        var violation = (await patrol.PostOkAsync("/api/enforcement/violations", new { lotId = t.LotId, plate = "NOBODY1", reason = "No permit displayed" })).Id();
        await patrol.GetOkAsync($"/api/scans/{scan}");
        await patrol.GetOkAsync($"/api/violations/{violation}");
        await patrol.GetOkAsync($"/api/lots/{t.LotId}/scans");
        await patrol.GetOkAsync($"/api/lots/{t.LotId}/violations");

        var amenity = (await admin.PostOkAsync($"/api/properties/{t.PropertyId}/amenities", new
        {
            name = "Pool",
            openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.ToDictionary(static d => d, static _ => new[] { new { open = "06:00", close = "22:00" } }),
            slotMinutes = 60,
            capacityPerSlot = 2,
            blackoutDates = new[] { "2031-01-01" },
            rules = new { maxBookingsPerUnit = new { day = 2, week = 5 }, minLeadMinutes = 0, maxDaysAhead = 30, requiresApproval = true, autoBookFromWaitlist = false },
        })).Id();
        await admin.GetOkAsync($"/api/amenities/{amenity}");
        await admin.GetOkAsync($"/api/amenities/{t.AmenityId}");
        await admin.GetOkAsync($"/api/amenities/{t.AmenityId}/availability?from={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(3):yyyy-MM-dd}");
        await admin.GetOkAsync($"/api/bookings/{t.BookingId}");
        await admin.PostOkAsync($"/api/bookings/{t.BookingId}/cancel", new { });

        await admin.GetOkAsync($"/api/tickets/{t.TicketId}");
        await admin.PostOkAsync($"/api/tickets/{t.TicketId}/assign", new { assignee = "Pat Plumber" });
        await admin.PostOkAsync($"/api/tickets/{t.TicketId}/start", new { });
        await admin.GetOkAsync($"/api/tickets/{t.TicketId}/activity");
        await admin.GetOkAsync($"/api/properties/{t.PropertyId}/tickets");
        await admin.GetOkAsync($"/api/customers/{t.CustomerId}/sla-policies");

        await admin.GetOkAsync($"/api/reservations/{t.ReservationId}");
        await admin.GetOkAsync($"/api/reservations/{t.ReservationId}/journey");
        await admin.PostOkAsync($"/api/reservations/{t.ReservationId}/touchpoints", new { type = "welcome", channel = "email", note = "Sent the door code" });
        await admin.GetOkAsync($"/api/properties/{t.PropertyId}/reservations");
        await admin.GetOkAsync($"/api/properties/{t.PropertyId}/touchpoint-schedule");

        await admin.GetOkAsync($"/api/webhooks/{t.WebhookId}");
        await admin.GetOkAsync($"/api/webhooks/{t.WebhookId}/deliveries");
        await admin.GetOkAsync($"/api/customers/{t.CustomerId}/webhooks");
        await admin.GetOkAsync("/api/api-keys");
        await admin.GetOkAsync($"/api/audit?entityId={t.LotId}");
        await admin.GetOkAsync($"/api/customers/{t.CustomerId}/transactions");
        await admin.GetOkAsync($"/api/customers/{t.CustomerId}/payouts");

        await ProblemsAsync(admin, anonymous, t);

        Assert.True(contract.Seen.Count >= 60, $"expected a broad run, saw {contract.Seen.Count} operation answers");
        Assert.True(contract.Violations.Count == 0, $"{contract.Violations.Count} contract violations:{Environment.NewLine}{string.Join(Environment.NewLine, contract.Violations.Distinct())}");
    }

    private static async Task ReadTreeAsync(HttpClient admin, Tenant t)
    {
        await admin.GetOkAsync($"/api/customers/{t.CustomerId}");
        await admin.SendOkAsync(HttpMethod.Patch, $"/api/customers/{t.CustomerId}", new { name = "Contract Holdings" });
        await admin.GetOkAsync($"/api/customers/{t.CustomerId}/properties");
        await admin.GetOkAsync($"/api/properties/{t.PropertyId}");
        await admin.SendOkAsync(HttpMethod.Patch, $"/api/properties/{t.PropertyId}", new { branding = new { primaryColor = "#003366" } });
        await admin.GetOkAsync($"/api/properties/{t.PropertyId}/lots");
        await admin.GetOkAsync($"/api/lots/{t.LotId}");
        await admin.GetOkAsync($"/api/properties/{t.PropertyId}/units");
        await admin.GetOkAsync($"/api/units/{t.UnitId}");
        await admin.GetOkAsync($"/api/enforcement-companies/{t.CompanyId}");
    }

    /// <summary>Refusals are answers too: each must be a declared status with a problem body.</summary>
    private static async Task ProblemsAsync(HttpClient admin, HttpClient anonymous, Tenant t)
    {
        using var missing = await admin.GetAsync($"/api/lots/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var invalid = await admin.PostAsJsonAsync($"/api/properties/{t.PropertyId}/lots", new { name = "", capacity = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var noKey = await anonymous.GetAsync($"/api/lots/{t.LotId}");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var transition = await admin.PostAsJsonAsync($"/api/passes/{t.PassId}/resume", new { });
        Assert.Equal(HttpStatusCode.Conflict, transition.StatusCode);
        using var badCode = await anonymous.PostAsJsonAsync("/api/claims", new { code = "NOPE-NOPE", lotId = t.LotId, phone = "+15550002222", plate = "BAD1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCode.StatusCode);
        using var immutable = await admin.PatchAsJsonAsync($"/api/lots/{t.LotId}", new { slug = "other" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, immutable.StatusCode);
    }
}
