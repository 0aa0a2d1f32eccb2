using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Patrols (R14): plate lookups with grace, recently expired passes, scans and violations, over HTTP on real Postgres.</summary>
public sealed class EnforcementApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ApiSilo silo = null!;
    private string database = "";

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(database = await TestPostgres.CreateDatabaseAsync("enforcement"), clock);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Lookup_ClaimedPlateWrittenDifferently_IsAuthorized()
    {
        var t = await Tenant.CreateAsync(silo, "Look");
        var pass = await ClaimAsync(t.LotId, "+15551230000", "ab-123");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        var lookup = await EventuallyLookupAsync(patrol, t.LotId, "AB 123", static l => l.GetProperty("authorized").GetBoolean());

        Assert.Equal("active", lookup.GetProperty("reason").GetString());
        Assert.Equal("AB123", lookup.GetProperty("plate").GetString());
        Assert.Equal(t.LotId, lookup.GetProperty("lotId").GetGuid());
        Assert.Equal(pass.Id(), lookup.GetProperty("pass").GetProperty("passId").GetGuid());
        Assert.Equal("active", lookup.GetProperty("pass").GetProperty("status").GetString());
        Assert.Equal(pass.GetProperty("endsAt").GetDateTimeOffset(), lookup.GetProperty("pass").GetProperty("endsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Lookup_UnknownPlate_IsNotAuthorizedWithReasonNoPass()
    {
        var t = await Tenant.CreateAsync(silo, "Unknown");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        var lookup = await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=zz-999");

        Assert.False(lookup.GetProperty("authorized").GetBoolean());
        Assert.Equal("no_pass", lookup.GetProperty("reason").GetString());
        Assert.Equal("ZZ999", lookup.GetProperty("plate").GetString());
        Assert.False(lookup.TryGetProperty("pass", out _));
        Assert.False(lookup.TryGetProperty("graceUntil", out _));
    }

    [Fact]
    public async Task Lookup_PassEndedWithinGracePeriod_IsAuthorizedUntilGraceRunsOut()
    {
        var t = await Tenant.CreateAsync(silo, "Grace");
        var lot = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = "Grace Lot", capacity = 5, mode = "public", gracePeriodMinutes = 15 })).Id();
        await ClaimAsync(lot, "+15551230001", "GR-1", hours: 1);
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        await EventuallyLookupAsync(patrol, lot, "GR1", static l => l.GetProperty("reason").GetString() == "active");

        clock.Advance(TimeSpan.FromMinutes(70));
        var inGrace = await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={lot}&plate=GR1");
        clock.Advance(TimeSpan.FromMinutes(10));
        var lapsed = await EventuallyLookupAsync(patrol, lot, "GR1", static l => l.GetProperty("reason").GetString() == "expired");

        Assert.True(inGrace.GetProperty("authorized").GetBoolean());
        Assert.Equal("grace_period", inGrace.GetProperty("reason").GetString());
        Assert.False(lapsed.GetProperty("authorized").GetBoolean());
    }

    [Fact]
    public async Task Lookup_EnforcementCompanyScopedToAnotherLot_AnswersNotFound()
    {
        var t = await Tenant.CreateAsync(silo, "Scope");
        var otherLot = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = "Side Lot", capacity = 5 })).Id();
        var company = (await Admin.PostOkAsync("/api/enforcement-companies", new { name = "Side Patrol" })).Id();
        await Admin.PutOkAsync($"/api/enforcement-companies/{company}/properties/{t.PropertyId}", new { lotIds = new[] { otherLot } });
        var key = (await Admin.PostOkAsync("/api/api-keys", new { name = "side", role = Roles.Enforcement, enforcementCompanyId = company })).GetProperty("key").GetString();
        using var patrol = silo.CreateClient(key);

        using var refused = await patrol.GetAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=AB123");
        var allowed = await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={otherLot}&plate=AB123");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.NotFound, "not_found");
        Assert.Equal("no_pass", allowed.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(Roles.Manager, HttpStatusCode.NotFound)]
    [InlineData(Roles.Consumer, HttpStatusCode.NotFound)]
    [InlineData(Roles.Operator, HttpStatusCode.OK)]
    public async Task Lookup_KeysOfTheLotsOwnTenant_OnlyOperatorsAnswered(string role, HttpStatusCode expected)
    {
        var t = await Tenant.CreateAsync(silo, "Roles");
        using var client = silo.CreateClient(t.Keys[role]);

        using var response = await client.GetAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=AB123");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("plate=AB123", "lotId")]
    [InlineData("lotId=not-a-guid&plate=AB123", "lotId")]
    [InlineData("lotId={lot}", "plate")]
    [InlineData("lotId={lot}&plate=AB%2F123", "plate")]
    [InlineData("lotId={lot}&plate=ABCDEFGHIJKLMNOPQ", "plate")]
    public async Task Lookup_MissingOrInvalidLotIdOrPlate_AnswersValidationFailed(string query, string field)
    {
        var t = await Tenant.CreateAsync(silo, "Invalid");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        using var response = await patrol.GetAsync($"/api/enforcement/lookup?{query.Replace("{lot}", t.LotId.ToString(), StringComparison.Ordinal)}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task RecentlyExpired_PassRunsOut_IsListedForThePatrol()
    {
        var t = await Tenant.CreateAsync(silo, "Expired");
        var lot = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = "Short Lot", capacity = 5, mode = "public" })).Id();
        var pass = await ClaimAsync(lot, "+15551230002", "EXP-9", hours: 1);
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        clock.Advance(TimeSpan.FromMinutes(61));
        await Eventually.HoldsAsync(
            async () => (await patrol.GetOkAsync($"/api/lots/{lot}/recently-expired")).GetProperty("items").GetArrayLength() == 1,
            "the expired pass is listed");
        var item = (await patrol.GetOkAsync($"/api/lots/{lot}/recently-expired?limit=10")).GetProperty("items")[0];

        Assert.Equal(pass.Id(), item.GetProperty("passId").GetGuid());
        Assert.Equal("EXP9", item.GetProperty("plate").GetString());
        Assert.Equal("expired", item.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RecordScan_EnforcementKeyInScope_KeepsTheLookupAtScanTime()
    {
        var t = await Tenant.CreateAsync(silo, "Scan");
        await ClaimAsync(t.LotId, "+15551230003", "SC-1");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        await EventuallyLookupAsync(patrol, t.LotId, "SC1", static l => l.GetProperty("authorized").GetBoolean());

        using var response = await patrol.PostAsJsonAsync("/api/enforcement/scans", new { lotId = t.LotId, plate = "sc 1", latitude = 48.85, longitude = 2.35 });
        var scan = await response.Content.ReadFromJsonAsync<JsonElement>();
        var listed = await patrol.GetOkAsync($"/api/lots/{t.LotId}/scans");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/scans/{scan.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("SC1", scan.GetProperty("plate").GetString());
        Assert.True(scan.GetProperty("lookup").GetProperty("authorized").GetBoolean());
        Assert.Equal(t.CompanyId, scan.GetProperty("enforcementCompanyId").GetGuid());
        Assert.Equal(48.85, scan.GetProperty("latitude").GetDouble());
        Assert.Equal([scan.Id()], listed.GetProperty("items").EnumerateArray().Select(static s => s.Id()));
        Assert.Equal(scan.Id(), (await patrol.GetOkAsync($"/api/scans/{scan.Id()}")).Id());
    }

    [Fact]
    public async Task RecordViolation_EnforcementKeyInScope_IsListedAndAudited()
    {
        var t = await Tenant.CreateAsync(silo, "Violation");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);

        using var response = await patrol.PostAsJsonAsync("/api/enforcement/violations", new
        {
            lotId = t.LotId,
            plate = "vi-42",
            reason = "No permit displayed",
            notes = "Blocking the fire lane",
            photoUrls = new[] { "https://photos.example/v42-front.jpg" },
            stickerNumber = "S-0042",
        });
        var violation = await response.Content.ReadFromJsonAsync<JsonElement>();
        var listed = await operatorClient.GetOkAsync($"/api/lots/{t.LotId}/violations");
        var audit = await Admin.GetOkAsync($"/api/audit?entityId={violation.Id()}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("VI42", violation.GetProperty("plate").GetString());
        Assert.Equal("no_pass", violation.GetProperty("lookup").GetProperty("reason").GetString());
        Assert.Equal(t.CustomerId, violation.GetProperty("customerId").GetGuid());
        Assert.Equal([violation.Id()], listed.GetProperty("items").EnumerateArray().Select(static v => v.Id()));
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("record");
        Assert.Equal("recorded", entry.GetProperty("action").GetString());
        Assert.Equal(Roles.Enforcement, entry.GetProperty("actor").GetProperty("role").GetString());
        Assert.Equal("No permit displayed", entry.GetProperty("after").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RecordViolation_Recorded_PublishesViolationRecordedOnTheTenantFeed()
    {
        var t = await Tenant.CreateAsync(silo, "Feed");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        var violation = await patrol.PostOkAsync("/api/enforcement/violations", new { lotId = t.LotId, plate = "FD1", reason = "Expired permit" });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var feed = await operatorClient.GetStringAsync("/api/events?types=violation.recorded&limit=1", timeout.Token);

        Assert.Contains("event: violation.recorded", feed, StringComparison.Ordinal);
        Assert.Contains(violation.Id().ToString(), feed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Manager)]
    public async Task RecordViolation_StaffOfTheLot_AnswersForbidden(string role)
    {
        var t = await Tenant.CreateAsync(silo, "Staff");
        using var client = silo.CreateClient(t.Keys[role]);

        using var violation = await client.PostAsJsonAsync("/api/enforcement/violations", new { lotId = t.LotId, plate = "ST1", reason = "Parked badly" });
        using var scan = await client.PostAsJsonAsync("/api/enforcement/scans", new { lotId = t.LotId, plate = "ST1" });

        await ProblemAssert.IsProblemAsync(violation, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(scan, HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("""{"plate":"AB1","reason":"x"}""", "lotId")]
    [InlineData("""{"lotId":"{lot}","reason":"x"}""", "plate")]
    [InlineData("""{"lotId":"{lot}","plate":"AB1"}""", "reason")]
    [InlineData("""{"lotId":"{lot}","plate":"AB1","reason":"   "}""", "reason")]
    [InlineData("""{"lotId":"{lot}","plate":"AB1","reason":"{long}"}""", "reason")]
    [InlineData("""{"lotId":"{lot}","plate":"AB1","reason":"x","photoUrls":["ftp://photos.example/a.jpg"]}""", "photoUrls")]
    [InlineData("""{"lotId":"{lot}","plate":"AB1","reason":"x","photoUrls":["/relative/a.jpg"]}""", "photoUrls")]
    [InlineData("""{"lotId":"{lot}","plate":"AB1","reason":"x","photoUrls":{eleven}}""", "photoUrls")]
    public async Task RecordViolation_InvalidBody_AnswersValidationFailed(string template, string field)
    {
        var t = await Tenant.CreateAsync(silo, "Checks");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        var eleven = JsonSerializer.Serialize(Enumerable.Range(0, 11).Select(static i => $"https://photos.example/{i}.jpg"));
        var body = template.Replace("{lot}", t.LotId.ToString(), StringComparison.Ordinal)
            .Replace("{long}", new string('r', 201), StringComparison.Ordinal)
            .Replace("{eleven}", eleven, StringComparison.Ordinal);

        using var response = await patrol.PostAsync("/api/enforcement/violations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, (await patrol.GetOkAsync($"/api/lots/{t.LotId}/violations")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Lookup_AfterSiloRestart_PlateIndexRebuiltFromLivePassesOnly()
    {
        var t = await Tenant.CreateAsync(silo, "Rebuild");
        await ClaimAsync(t.LotId, "+15551230010", "KEEP-1");
        var ended = await ClaimAsync(t.LotId, "+15551230011", "GONE-1");
        await Admin.PostOkAsync($"/api/passes/{ended.Id()}/revoke", new { reason = "test" });
        using (var before = silo.CreateClient(t.Keys[Roles.Enforcement]))
        {
            await EventuallyLookupAsync(before, t.LotId, "GONE-1", static l => !l.GetProperty("authorized").GetBoolean());
        }

        await silo.DisposeAsync();
        silo = await ApiSilo.StartAsync(database, clock);
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        Assert.True((await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=KEEP-1")).GetProperty("authorized").GetBoolean());
        Assert.False((await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={t.LotId}&plate=GONE-1")).GetProperty("authorized").GetBoolean());
    }

    /// <summary>Claims a 500-cent pass at an open offer of the lot (no API key: the open offer is the authorization).</summary>
    private async Task<JsonElement> ClaimAsync(Guid lot, string phone, string plate, int hours = 2)
    {
        var passType = (await Admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Visitor",
            description = "Two hours for guests",
            terms = new { rateStructure = "flat", amountCents = 500, duration = new { kind = "hours", value = hours } },
        })).Id();
        var offer = (await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = passType, capacity = 10 })).Id();
        using var anonymous = silo.CreateClient(null);
        return await anonymous.PostOkAsync("/api/claims", new { offerId = offer, lotId = lot, phone, plate });
    }

    /// <summary>The plate index follows pass events, which arrive just after the claim's reply.</summary>
    private static async Task<JsonElement> EventuallyLookupAsync(HttpClient patrol, Guid lot, string plate, Func<JsonElement, bool> condition)
    {
        var last = default(JsonElement);
        await Eventually.HoldsAsync(
            async () => condition(last = await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={lot}&plate={Uri.EscapeDataString(plate)}")),
            $"the lookup of {plate} at {lot} changes");
        return last;
    }
}
