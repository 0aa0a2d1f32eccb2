using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vrps.Interfaces;
using static Microsoft.Playwright.Assertions;

namespace Vrps.Browser.Tests;

/// <summary>
/// The staff pages driven in Chromium with the keys a tenant hands out: the patrol page's plate checks and scans, the
/// unit manager's visitor passes, and the operator console following the event feed.
/// </summary>
public sealed class StaffPagesBrowserTests(BrowserSilo fixture) : IClassFixture<BrowserSilo>
{
    /// <summary>A one-minute pass must end in real time before its grace shows: the longest wait in these tests.</summary>
    private static readonly TimeSpan PassEnds = TimeSpan.FromSeconds(90);

    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task PatrolPage_ClaimedPlateTypedDifferently_IsAuthorizedAndTheScanIsRecorded()
    {
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Patrol");
        await ClaimAsync(tenant, "+15550102001", "ab-123");
        await WaitForLookupAsync(tenant, tenant.LotId, "AB123", "active");
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await SignInToPatrolAsync(page, tenant, $"{tenant.LotId}");

        await page.GetByLabel("Licence plate").FillAsync("AB 123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check plate" }).ClickAsync();

        var verdict = page.Locator("#verdict");
        await Expect(verdict).ToHaveAttributeAsync("data-authorized", "true");
        await Expect(page.Locator("#verdict-answer")).ToHaveTextAsync("AUTHORIZED");
        await Expect(page.Locator("#verdict-plate")).ToHaveTextAsync("AB123");
        await Screenshots.CaptureAsync(page, "patrol");

        await page.GetByRole(AriaRole.Button, new() { Name = "Record scan" }).ClickAsync();

        var result = page.Locator("#action-result");
        await Expect(result).ToHaveAttributeAsync("data-scan-id", new Regex("^[0-9a-f-]{36}$"));
        var scanId = await result.GetAttributeAsync("data-scan-id");
        var scan = await Admin.GetOkAsync($"/api/scans/{scanId}");
        Assert.Equal("AB123", scan.GetProperty("plate").GetString());
        Assert.Equal(tenant.LotId, scan.GetProperty("lotId").GetGuid());
    }

    [Fact]
    public async Task PatrolPage_UnknownPlate_IsNotAuthorizedInPlainWords()
    {
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Stranger");
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await SignInToPatrolAsync(page, tenant, $"{tenant.LotId}");

        await page.GetByLabel("Licence plate").FillAsync("zz 999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check plate" }).ClickAsync();

        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-authorized", "false");
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-reason", "no_pass");
        await Expect(page.Locator("#verdict-answer")).ToHaveTextAsync("NOT AUTHORIZED");
        await Expect(page.Locator("#verdict-reason")).ToHaveTextAsync("No pass for this plate at this lot.");
        await Expect(page.Locator("#verdict-plate")).ToHaveTextAsync("ZZ999");
    }

    [Fact]
    public async Task PatrolPage_PassEndedWithinTheGracePeriod_IsAuthorizedAndSaysUntilWhen()
    {
        // Real time, no fake clock: the shortest pass type lasts one minute, and this lot's grace is fifteen.
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Grace");
        var lot = (await Admin.PostOkAsync($"/api/properties/{tenant.PropertyId}/lots", new { name = "Grace Lot", capacity = 5, mode = "public", gracePeriodMinutes = 15 })).Id();
        var passType = (await Admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Drop-off",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "minutes", value = 1 } },
        })).Id();
        var offer = (await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = passType })).Id();
        using var anonymous = fixture.Silo.CreateClient(null);
        await anonymous.PostOkAsync("/api/claims", new { offerId = offer, lotId = lot, phone = "+15550102003", plate = "GR 1" });
        await WaitForLookupAsync(tenant, lot, "GR1", "grace_period", PassEnds);
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await SignInToPatrolAsync(page, tenant, $"{lot}");

        await page.GetByLabel("Licence plate").FillAsync("GR1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check plate" }).ClickAsync();

        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-reason", "grace_period");
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-authorized", "true");
        await Expect(page.Locator("#verdict-reason")).ToHaveTextAsync("The pass has ended but the lot's grace period still covers it.");
        await Expect(page.Locator("#verdict-grace")).ToContainTextAsync("In grace until");
        await Expect(page.Locator("#verdict-grace")).ToContainTextAsync("Grace period at this lot: 15 min.");
    }

    [Fact]
    public async Task ManagerPage_IssueThenEndAVisitorPass_QuotaAndListFollow()
    {
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Managed");
        await Admin.PostOkAsync($"/api/lots/{tenant.LotId}/offers", new { kind = "direct", passTypeId = tenant.PassTypeId, unitId = tenant.UnitId });
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync("/manager");
        await SignInAsync(page, tenant.Keys[Roles.Manager]);
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync("Unit 4B");
        var quota = page.Locator("#quota");
        await Expect(quota).ToHaveAttributeAsync("data-max", "3");
        var before = int.Parse((await quota.GetAttributeAsync("data-active"))!, CultureInfo.InvariantCulture);

        await page.Locator("#phone").FillAsync("+15550102004");
        await page.Locator("#pass-plate").FillAsync("vis 42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue pass" }).ClickAsync();

        var message = page.Locator("#direct-pass-message");
        await Expect(message).ToContainTextAsync("Pass issued");
        var passId = await message.GetAttributeAsync("data-pass-id");
        Assert.NotNull(passId);
        var row = page.Locator($"#active-passes li[data-pass-id=\"{passId}\"]");
        await Expect(row.Locator(".plate-text")).ToHaveTextAsync("VIS42");
        await Expect(quota).ToHaveAttributeAsync("data-active", $"{before + 1}");
        await Screenshots.CaptureAsync(page, "manager");

        await row.Locator("button.cancel-pass").ClickAsync();
        await row.Locator("button.confirm-cancel").ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(quota).ToHaveAttributeAsync("data-active", $"{before}");
        Assert.Equal("cancelled", (await Admin.GetOkAsync($"/api/passes/{passId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConsolePage_AVisitorClaims_ClaimedCountRisesAndTheEventShowsWithoutAReload()
    {
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Console");
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync("/console");
        await SignInAsync(page, tenant.Keys[Roles.Operator]);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Property" }).SelectOptionAsync($"{tenant.PropertyId}");
        var claimed = page.Locator($"#offers tr[data-offer-id=\"{tenant.OfferId}\"] td.claimed");
        await Expect(claimed).ToHaveTextAsync("1");
        await Expect(page.Locator("#feed-state")).ToHaveAttributeAsync("data-state", "live");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await ClaimAsync(tenant, "+15550102005", "cns 5");

        await Expect(claimed).ToHaveTextAsync("2");
        await Expect(page.Locator("#events li[data-event-type^='pass.']", new() { HasText = "CNS5" }).First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        await Screenshots.CaptureAsync(page, "console");
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.Locator("#key").FillAsync(key);
        await page.Locator("#sign-in").ClickAsync();
    }

    private static async Task SignInToPatrolAsync(IPage page, Tenant tenant, string lotId)
    {
        await page.GotoAsync("/patrol");
        await SignInAsync(page, tenant.Keys[Roles.Enforcement]);
        await page.GetByLabel("Lot you are patrolling").SelectOptionAsync(lotId);
        await Expect(page.Locator("#current-lot")).ToContainTextAsync("Patrolling");
    }

    /// <summary>A visitor claims at the tenant's claim-code offer, as the landing page would.</summary>
    private async Task<JsonElement> ClaimAsync(Tenant tenant, string phone, string plate)
    {
        var code = (await Admin.GetOkAsync($"/api/offers/{tenant.OfferId}")).GetProperty("code").GetString();
        using var anonymous = fixture.Silo.CreateClient(null);
        return await anonymous.PostOkAsync("/api/claims", new { code, lotId = tenant.LotId, phone, plate });
    }

    /// <summary>The plate index follows pass events, which arrive just after a claim's reply: wait for it, not on the page.</summary>
    private async Task WaitForLookupAsync(Tenant tenant, Guid lot, string plate, string reason, TimeSpan? timeout = null)
    {
        using var patrol = fixture.Silo.CreateClient(tenant.Keys[Roles.Enforcement]);
        await Eventually.HoldsAsync(
            async () => (await patrol.GetOkAsync($"/api/enforcement/lookup?lotId={lot}&plate={plate}")).GetProperty("reason").GetString() == reason,
            $"{plate} looks up as {reason}",
            timeout);
    }
}
