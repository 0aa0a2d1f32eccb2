using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vrps.Interfaces;
using static Microsoft.Playwright.Assertions;

namespace Vrps.Browser.Tests;

/// <summary>The operator's printable QR sheet and the home page, driven in Chromium.</summary>
public sealed partial class StaffAndHomePagesBrowserTests(BrowserSilo fixture) : IClassFixture<BrowserSilo>
{
    private const string KeyStorageName = "vrps.apiKey";

    [Fact]
    public async Task PrintPage_OperatorKeyTyped_IsKeptInSessionStorageOnlyAndTheQrIsShown()
    {
        var tenant = await Tenant.CreateAsync(fixture.Silo, "Printer");
        var key = tenant.Keys[Roles.Operator];
        var landingUrl = (await fixture.Admin.GetOkAsync($"/api/lots/{tenant.LotId}")).GetProperty("landingUrl").GetString()!;
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync($"/lots/{tenant.LotId}/print");

        await page.GetByLabel("API key (operator)").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the QR sheet" }).ClickAsync();

        var qr = page.GetByRole(AriaRole.Img, new() { Name = $"QR code that opens {landingUrl}" });
        await Expect(qr).ToBeVisibleAsync();
        await Expect(page.Locator("#landing-url")).ToHaveTextAsync(landingUrl);
        await page.WaitForFunctionAsync("() => { const img = document.getElementById('qr'); return img.complete && img.naturalWidth > 0; }");
        await Screenshots.CaptureAsync(page, "print");
        Assert.Equal(key, await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{KeyStorageName}')"));
        Assert.DoesNotContain(key, page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal(string.Empty, await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.Empty(await context.CookiesAsync());
    }

    [Fact]
    public async Task HomePage_Links_SwaggerTheOpenApiDocumentAndHealthAnswer()
    {
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Property operations, on virtual actors" })).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(page, "home");

        string[] links = ["Swagger UI", "OpenAPI document", "/health/live", "/health/ready"];
        foreach (var name in links)
        {
            var link = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            var href = await link.GetAttributeAsync("href");
            Assert.NotNull(href);
            // The first request for the OpenAPI document builds it, which takes seconds on a busy two-core machine.
            var answer = await context.APIRequest.GetAsync(href, new() { Timeout = 30_000 });
            Assert.True(answer.Ok, $"{name} ({href}) answered {answer.Status}");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Swagger UI" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SwaggerAddress());
    }

    [Fact]
    public async Task HomePage_NamesEveryPageAndItsSlugFormOpensTheLandingPage()
    {
        var lot = await PublicLot.CreateAsync(fixture.Admin, "Homed");
        var slug = await fixture.Admin.SlugAsync(lot.LotId);
        var page = await fixture.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync("/");
        var pages = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Pages" }) });
        foreach (var route in (string[])["/l/{slug}", "/g/{shareToken}", "/p/{passId}", "/lots/{lotId}/print"])
        {
            await Expect(pages).ToContainTextAsync(route);
        }

        await page.GetByLabel("Open a lot's landing page by its slug").FillAsync(slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        await page.WaitForURLAsync($"**/l/{slug}");
        await Expect(page.Locator("#lot-name")).ToHaveTextAsync("Homed Lot");
    }

    [GeneratedRegex(@"/swagger(/index\.html)?$")]
    private static partial Regex SwaggerAddress();
}
