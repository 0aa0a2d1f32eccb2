using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Pass types, offers, the claim protocol and the pass lifecycle (R7–R11), over HTTP on real Postgres.</summary>
public sealed class PassesApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("passes"), clock);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private async Task<Guid> LotAsync(Tenant t, int capacity, string mode = "both") =>
        (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = "Burst Lot", capacity, mode })).Id();

    private async Task<Guid> PassTypeAsync(Guid lot, int amountCents = 0, int hours = 2) =>
        (await Admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Visitor",
            terms = new { rateStructure = amountCents == 0 ? "free" : "flat", amountCents, duration = new { kind = "hours", value = hours } },
        })).Id();

    private async Task<JsonElement> OfferAsync(Guid lot, object body) => await Admin.PostOkAsync($"/api/lots/{lot}/offers", body);

    private async Task<HttpResponseMessage> ClaimAsync(object body, string? idempotencyKey = null)
    {
        using var anonymous = silo.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await anonymous.SendAsync(request);
    }

    [Fact]
    public async Task Claim_BeforeTheWindowOrOnARevokedOffer_IsRefusedWithItsReason()
    {
        var t = await Tenant.CreateAsync(silo, "Window");
        var lot = await LotAsync(t, capacity: 10);
        var passType = await PassTypeAsync(lot);
        var later = await OfferAsync(lot, new { kind = "open", passTypeId = passType, startsAt = clock.GetUtcNow().AddHours(2) });
        var revoked = await OfferAsync(lot, new { kind = "open", passTypeId = passType });
        await Admin.PostOkAsync($"/api/offers/{revoked.Id()}/revoke", new { });

        using (var early = await ClaimAsync(new { offerId = later.Id(), lotId = lot, phone = "+15550001001", plate = "EARLY1" }))
        {
            await ProblemAssert.IsProblemAsync(early, HttpStatusCode.UnprocessableEntity, "outside_claim_window");
        }

        using (var gone = await ClaimAsync(new { offerId = revoked.Id(), lotId = lot, phone = "+15550001002", plate = "GONE1" }))
        {
            await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.Conflict, "offer_not_active");
        }

        clock.Advance(TimeSpan.FromHours(2));
        using var opened = await ClaimAsync(new { offerId = later.Id(), lotId = lot, phone = "+15550001001", plate = "EARLY1" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
    }

    [Fact]
    public async Task Claim_TwoThousandConcurrentOnGroupOfferOf500_IssuesExactly500()
    {
        var t = await Tenant.CreateAsync(silo, "Burst");
        var lot = await LotAsync(t, capacity: 1000);
        var offer = await OfferAsync(lot, new { kind = "group", passTypeId = await PassTypeAsync(lot), capacity = 500 });
        var token = offer.GetProperty("shareToken").GetString();
        using var gate = new SemaphoreSlim(256);
        var statuses = new ConcurrentBag<(HttpStatusCode Status, string Code)>();

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await ClaimAsync(new { shareToken = token, lotId = lot, phone = $"+1555{i:D7}", plate = $"BRST{i}" });
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                statuses.Add((response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString()! : ""));
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(500, statuses.Count(static s => s.Status == HttpStatusCode.Created));
        Assert.Equal(1500, statuses.Count(static s => s.Status == HttpStatusCode.Conflict && s.Code == "offer_exhausted"));
        await Eventually.HoldsAsync(
            async () => (await Admin.GetOkAsync($"/api/offers/{offer.Id()}")).GetProperty("claimedCount").GetInt32() == 500,
            "the offer counts its 500 passes");
        var final = await Admin.GetOkAsync($"/api/offers/{offer.Id()}");
        Assert.Equal("exhausted", final.GetProperty("status").GetString());
        Assert.Equal(0, final.GetProperty("pendingCount").GetInt32());
    }

    [Fact]
    public async Task Claim_ConcurrentOnUnitWithMaximumThree_NeverMoreThanThreeActive()
    {
        var t = await Tenant.CreateAsync(silo, "Unit");
        var unit = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/units", new { name = "Unit 7C", maxConcurrentPasses = 3 })).Id();
        await Admin.PutOkAsync($"/api/units/{unit}/lots/{t.LotId}");
        var passType = await PassTypeAsync(t.LotId);
        var offer = await OfferAsync(t.LotId, new { kind = "claim_code", passTypeId = passType, unitId = unit });
        var code = offer.GetProperty("code").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ClaimAsync(new { code, lotId = t.LotId, phone = $"+1666{i:D7}", plate = $"UNIT{i}" })));

        Assert.Equal(3, responses.Count(static r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(static r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "unit_limit_reached");
        }

        var passes = await Admin.GetOkAsync($"/api/lots/{t.LotId}/passes?limit=200");
        Assert.Equal(3, passes.GetProperty("items").EnumerateArray().Count(p => p.TryGetProperty("unitId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == unit));
    }

    [Fact]
    public async Task SetTerms_RateChanges_IssuedPassesKeepTheirTerms()
    {
        var t = await Tenant.CreateAsync(silo, "Rate");
        var passType = await PassTypeAsync(t.LotId, amountCents: 500);
        var offer = await OfferAsync(t.LotId, new { kind = "open", passTypeId = passType });
        var first = await (await ClaimAsync(new { offerId = offer.Id(), lotId = t.LotId, phone = "+15550000001", plate = "RATE1" })).Content.ReadFromJsonAsync<JsonElement>();

        var changed = await Admin.PutOkAsync($"/api/pass-types/{passType}/terms", new { rateStructure = "flat", amountCents = 900, duration = new { kind = "hours", value = 2 } });
        Assert.Equal(2, changed.GetProperty("activeVersion").GetInt32());
        var second = await (await ClaimAsync(new { offerId = offer.Id(), lotId = t.LotId, phone = "+15550000002", plate = "RATE2" })).Content.ReadFromJsonAsync<JsonElement>();

        var kept = await Admin.GetOkAsync($"/api/passes/{first.Id()}");
        Assert.Equal(1, kept.GetProperty("termsVersion").GetInt32());
        Assert.Equal(500, kept.GetProperty("terms").GetProperty("amountCents").GetInt32());
        Assert.Equal(500, kept.GetProperty("amountCents").GetInt32());
        Assert.Equal(2, second.GetProperty("termsVersion").GetInt32());
        Assert.Equal(900, second.GetProperty("amountCents").GetInt32());
        var versions = (await Admin.GetOkAsync($"/api/pass-types/{passType}")).GetProperty("versions");
        Assert.Equal(500, versions[0].GetProperty("terms").GetProperty("amountCents").GetInt32());
    }

    [Fact]
    public async Task RotateCode_OldCodeFailsAtOnce_NewCodeWorks()
    {
        var t = await Tenant.CreateAsync(silo, "Rotate");
        var offer = await OfferAsync(t.LotId, new { kind = "claim_code", passTypeId = await PassTypeAsync(t.LotId) });
        var oldCode = offer.GetProperty("code").GetString();

        var rotated = await Admin.PostOkAsync($"/api/offers/{offer.Id()}/rotate-code", new { });
        var refused = await ClaimAsync(new { code = oldCode, lotId = t.LotId, phone = "+15550000003", plate = "OLD1" });
        var accepted = await ClaimAsync(new { code = rotated.GetProperty("code").GetString(), lotId = t.LotId, phone = "+15550000004", plate = "NEW1" });

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "code_invalid");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Pass_ClockPassesItsEnd_ExpiresByReminderAndGivesTheLotPlaceBack()
    {
        var t = await Tenant.CreateAsync(silo, "Expire");
        var lot = await LotAsync(t, capacity: 1);
        var offer = await OfferAsync(lot, new { kind = "open", passTypeId = await PassTypeAsync(lot, hours: 1) });
        var pass = await (await ClaimAsync(new { offerId = offer.Id(), lotId = lot, phone = "+15550000005", plate = "EXP1" })).Content.ReadFromJsonAsync<JsonElement>();
        var full = await ClaimAsync(new { offerId = offer.Id(), lotId = lot, phone = "+15550000006", plate = "EXP2" });
        await ProblemAssert.IsProblemAsync(full, HttpStatusCode.Conflict, "lot_full");

        clock.Advance(TimeSpan.FromMinutes(50));
        await Eventually.HoldsAsync(
            async () => (await Admin.GetOkAsync($"/api/passes/{pass.Id()}")).GetProperty("status").GetString() == "expiring_soon", "the pass is expiring soon");
        clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.HoldsAsync(
            async () => (await Admin.GetOkAsync($"/api/passes/{pass.Id()}")).GetProperty("status").GetString() == "expired", "the pass expired");

        await Eventually.HoldsAsync(
            async () => (await ClaimAsync(new { offerId = offer.Id(), lotId = lot, phone = "+15550000007", plate = "EXP3" })).StatusCode == HttpStatusCode.Created,
            "the freed place can be claimed");
    }

    [Fact]
    public async Task Pass_SuspendedWhenItsNoticeFallsDue_StillExpiresAtItsEnd()
    {
        var t = await Tenant.CreateAsync(silo, "SuspendExpire");
        var lot = await LotAsync(t, capacity: 5);
        var offer = await OfferAsync(lot, new { kind = "open", passTypeId = await PassTypeAsync(lot, hours: 1) });
        var pass = await (await ClaimAsync(new { offerId = offer.Id(), lotId = lot, phone = "+15550000015", plate = "SUS1" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("suspended", (await Admin.PostOkAsync($"/api/passes/{pass.Id()}/suspend", new { })).GetProperty("status").GetString());

        // The expiring-soon notice falls due while the pass is suspended: no notice, but it arms the expiry.
        clock.Advance(TimeSpan.FromMinutes(61));
        await Eventually.HoldsAsync(
            async () => (await Admin.GetOkAsync($"/api/passes/{pass.Id()}")).GetProperty("status").GetString() == "expired", "the suspended pass expired at its end");
    }

    [Fact]
    public async Task Claim_RetriedWithSameIdempotencyKey_ReturnsTheSamePassOnce()
    {
        var t = await Tenant.CreateAsync(silo, "Retry");
        var offer = await OfferAsync(t.LotId, new { kind = "open", passTypeId = await PassTypeAsync(t.LotId), capacity = 5 });
        var body = new { offerId = offer.Id(), lotId = t.LotId, phone = "+15550000008", plate = "RTRY1" };

        var first = await ClaimAsync(body, "retry-1");
        var second = await ClaimAsync(body, "retry-1");

        // The stored first answer is replayed, as on every keyed route (issue 9).
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).Id(), (await second.Content.ReadFromJsonAsync<JsonElement>()).Id());
        await Eventually.HoldsAsync(
            async () => (await Admin.GetOkAsync($"/api/offers/{offer.Id()}")).GetProperty("claimedCount").GetInt32() == 1, "one claim counted");
    }

    [Fact]
    public async Task PassActions_IllegalTransition_Is409NamingTheState()
    {
        var t = await Tenant.CreateAsync(silo, "Flow");
        var offer = await OfferAsync(t.LotId, new { kind = "open", passTypeId = await PassTypeAsync(t.LotId) });
        var pass = await (await ClaimAsync(new { offerId = offer.Id(), lotId = t.LotId, phone = "+15550000009", plate = "FLOW1" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("suspended", (await Admin.PostOkAsync($"/api/passes/{pass.Id()}/suspend", new { })).GetProperty("status").GetString());
        Assert.Equal("active", (await Admin.PostOkAsync($"/api/passes/{pass.Id()}/resume", new { })).GetProperty("status").GetString());
        Assert.Equal("revoked", (await Admin.PostOkAsync($"/api/passes/{pass.Id()}/revoke", new { })).GetProperty("status").GetString());
        var problem = await ProblemAssert.IsProblemAsync(await Admin.PostAsync($"/api/passes/{pass.Id()}/resume", null), HttpStatusCode.Conflict, "invalid_transition");
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }
}
