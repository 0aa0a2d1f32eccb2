using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vrps.Browser.Tests;

/// <summary>
/// The pages a visitor reaches from a lot's QR code or a share link, driven in Chromium as a visitor would: the landing
/// page's claim form, the pass page it lands on, and a group's places left.
/// </summary>
public sealed partial class VisitorPagesBrowserTests(BrowserSilo fixture) : IClassFixture<BrowserSilo>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task LandingPage_ClaimWithPhoneAndPlate_LandsOnThePassPageShowingPlateLotAndValidity()
    {
        var (lot, page) = await NewLotAndPageAsync("Scan");
        await using var context = page.Context;
        await OpenLandingPageAsync(page, lot);
        await Expect(page.Locator("#lot-name")).ToHaveTextAsync("Scan Lot");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Visitor" })).ToBeCheckedAsync();
        await page.FillClaimAsync("+15550101001", "sc 12 an");
        await Screenshots.CaptureAsync(page, "lot");

        await page.SubmitButton().ClickAsync();

        await page.WaitForURLAsync(PassPageAddress());
        await Expect(page.Locator("#plate")).ToHaveTextAsync("SC12AN");
        await Expect(page.Locator("#lot")).ToHaveTextAsync("Scan Lot, Scan Tower");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#valid-until")).ToHaveTextAsync(new Regex(@"\d{4}, \d{1,2}:\d{2}\s[AP]M"));
        await Expect(page.Locator("#countdown")).ToHaveTextAsync(new Regex(@"^01:5\d:\d\d$"));
        await Screenshots.CaptureAsync(page, "pass");
        var pass = await Admin.GetOkAsync($"/api/passes/{page.PassId()}");
        Assert.Equal("SC12AN", pass.GetProperty("plate").GetString());
        Assert.Equal(lot.LotId, pass.GetProperty("lotId").GetGuid());
        Assert.Equal(TimeSpan.FromHours(2), pass.GetProperty("endsAt").GetDateTimeOffset() - pass.GetProperty("startsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task LandingPage_DoubleClickOnSubmit_IssuesOnePass()
    {
        var (lot, page) = await NewLotAndPageAsync("Twice");
        await using var context = page.Context;
        await OpenLandingPageAsync(page, lot);
        await page.FillClaimAsync("twice@example.com", "DBL 1");

        await page.SubmitButton().DblClickAsync();

        await page.WaitForURLAsync(PassPageAddress());
        await Expect(page.Locator("#plate")).ToHaveTextAsync("DBL1");
        var pass = Assert.Single(await Admin.PassesForPlateAsync(lot.LotId, "DBL1"));
        Assert.Equal(page.PassId(), pass.Id());
    }

    [Fact]
    public async Task LandingPage_ResubmitAfterTheAnswerWasLost_IssuesOnePassUnderOneKey()
    {
        var (lot, page) = await NewLotAndPageAsync("Lost");
        await using var context = page.Context;
        var keys = new List<string>();
        await page.RouteAsync("**/api/claims", async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            var answer = await route.FetchAsync();
            if (keys.Count == 1)
            {
                // The server issued the pass; the phone never hears of it.
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.FulfillAsync(new() { Response = answer });
        });
        await OpenLandingPageAsync(page, lot);
        await page.FillClaimAsync("+15550101002", "LOST 7");

        await page.SubmitButton().ClickAsync();
        await Expect(page.Locator("#claim [data-message]")).ToContainTextAsync("We could not reach the service.");
        await page.SubmitButton().ClickAsync();

        await page.WaitForURLAsync(PassPageAddress());
        var pass = Assert.Single(await Admin.PassesForPlateAsync(lot.LotId, "LOST7"));
        Assert.Equal(page.PassId(), pass.Id());
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task LandingPage_WrongClaimCode_SaysSoInPlainWords()
    {
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Coded");
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync($"/l/{await Admin.SlugAsync(tenant.LotId)}");
        await page.GetByLabel("Claim code").FillAsync("NOT-THE-CODE");
        await page.FillClaimAsync("+15550101003", "CODE 9");

        await page.SubmitButton().ClickAsync();

        var message = page.Locator("#claim [data-message]");
        await Expect(message.Locator("strong")).ToHaveTextAsync("That code is not right for this lot.");
        await Expect(message.Locator("span")).ToHaveTextAsync("Check the code for typos, or ask whoever gave it to you for a new one.");
        await Expect(message).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Claim code")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("code_invalid");
        Assert.Empty(await Admin.PassesForPlateAsync(tenant.LotId, "CODE9"));
    }

    [Fact]
    public async Task GroupPage_AnotherClientClaims_PlacesLeftFallWithoutAReload()
    {
        var lot = await PublicLot.CreateAsync(Admin, "Party");
        var group = await Admin.PostOkAsync($"/api/lots/{lot.LotId}/offers", new { kind = "group", passTypeId = lot.PassTypeId, capacity = 3 });
        var token = group.GetProperty("shareToken").GetString()!;
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync($"/g/{token}");
        await Expect(page.Locator("#places-left")).ToHaveTextAsync("3 places left");
        await Screenshots.CaptureAsync(page, "group");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        using var friend = fixture.Silo.CreateClient(null);
        await friend.PostOkAsync("/api/claims", new { shareToken = token, lotId = lot.LotId, phone = "+15550101004", plate = "FRIEND1" });

        await Expect(page.Locator("#places-left")).ToHaveTextAsync("2 places left");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
    }

    private async Task<(PublicLot Lot, IPage Page)> NewLotAndPageAsync(string name) =>
        (await PublicLot.CreateAsync(Admin, name), await fixture.NewPageAsync());

    private async Task OpenLandingPageAsync(IPage page, PublicLot lot) => await page.GotoAsync($"/l/{await Admin.SlugAsync(lot.LotId)}");

    [GeneratedRegex(@"/p/[0-9a-f-]{36}$")]
    private static partial Regex PassPageAddress();
}
