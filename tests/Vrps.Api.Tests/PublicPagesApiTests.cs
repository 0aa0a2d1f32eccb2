using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vrps.Api.Idempotency;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Issue 12: what a visitor who scans a lot's QR code reaches without a key — the landing page and the public reads
/// behind it (the lot by its slug, a group offer by its share token, the pass by its id) — and the QR image an operator
/// prints. Each shows only what that slug, token or id entitles a visitor to.
/// </summary>
public sealed class PublicPagesApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("publicpages"), clock);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task LandingPage_BySlug_ServesThePageAndItsDataWithTheOpenOfferAndBranding()
    {
        var (lot, offer, _) = await PublicLot.CreateAsync(Admin, "Landing");
        var view = await Admin.GetOkAsync($"/api/lots/{lot}");
        var slug = view.GetProperty("slug").GetString()!;
        using var anonymous = silo.CreateClient(null);

        var page = await anonymous.GetAsync(new Uri(view.GetProperty("landingUrl").GetString()!).PathAndQuery);
        var data = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/lots/{slug}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Landing Lot", data.GetProperty("lotName").GetString());
        Assert.Equal(PublicLot.BrandColor, data.GetProperty("branding").GetProperty("primaryColor").GetString());
        var offered = Assert.Single(data.GetProperty("offers").EnumerateArray());
        Assert.Equal(offer, offered.Id());
        Assert.DoesNotContain("customerId", data.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LandingPage_UnknownSlug_Returns404LotNotFound()
    {
        using var anonymous = silo.CreateClient(null);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/public/lots/no-such-lot"), HttpStatusCode.NotFound, "lot_not_found");
    }

    [Fact]
    public async Task PublicPass_AfterAClaim_ShowsPlateAndLotButNeverThePhone()
    {
        var (lot, offer, _) = await PublicLot.CreateAsync(Admin, "Holder");
        using var anonymous = silo.CreateClient(null);
        using var claim = new HttpRequestMessage(HttpMethod.Post, "/api/claims")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { offerId = offer, lotId = lot, phone = "+15550109001", plate = "pg 12 ab" }), Encoding.UTF8, "application/json"),
        };
        claim.Headers.Add(IdempotencyMiddleware.HeaderName, Guid.NewGuid().ToString());
        var pass = await (await anonymous.SendAsync(claim)).Content.ReadFromJsonAsync<JsonElement>();

        var page = await anonymous.GetAsync($"/p/{pass.Id()}");
        var shown = await anonymous.GetAsync($"/api/public/passes/{pass.Id()}");
        var text = await shown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal("PG12AB", view.GetProperty("plate").GetString());
        Assert.Equal("Holder Lot", view.GetProperty("lotName").GetString());
        Assert.DoesNotContain("5550109001", text, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/public/passes/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "pass_not_found");
    }

    [Fact]
    public async Task GroupPage_ByShareToken_ShowsPlacesLeftThatFallAfterAClaim()
    {
        var (lot, _, passType) = await PublicLot.CreateAsync(Admin, "Group");
        var group = await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "group", passTypeId = passType, capacity = 3 });
        var token = group.GetProperty("shareToken").GetString()!;
        using var anonymous = silo.CreateClient(null);
        var before = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/groups/{token}");

        using var claim = new HttpRequestMessage(HttpMethod.Post, "/api/claims")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { shareToken = token, lotId = lot, phone = "+15550109002", plate = "GRP1" }), Encoding.UTF8, "application/json"),
        };
        Assert.Equal(HttpStatusCode.Created, (await anonymous.SendAsync(claim)).StatusCode);

        Assert.Equal(3, before.GetProperty("offer").GetProperty("placesLeft").GetInt32());
        await Eventually.HoldsAsync(
            async () => (await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/groups/{token}")).GetProperty("offer").GetProperty("placesLeft").GetInt32() == 2,
            "places left fall to 2");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/g/{token}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/public/groups/not-a-token"), HttpStatusCode.NotFound, "share_link_not_found");
    }

    [Fact]
    public async Task QrImage_EncodesTheLandingUrlAndNeedsAKey()
    {
        var (lot, _, _) = await PublicLot.CreateAsync(Admin, "Printed");
        var view = await Admin.GetOkAsync($"/api/lots/{lot}");

        var svg = await Admin.GetAsync(new Uri(view.GetProperty("qrImageUrl").GetString()!).PathAndQuery);
        using var anonymous = silo.CreateClient(null);
        var refused = await anonymous.GetAsync($"/api/lots/{lot}/qr.svg");

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<", (await svg.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.EndsWith($"/l/{view.GetProperty("slug").GetString()}", view.GetProperty("landingUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPages_ServeTheirShellsWithoutAKey_AndTheConsoleListsAmenitiesToOperatorsButNotPatrols()
    {
        var t = await Tenant.CreateAsync(silo, "Console");
        using var anonymous = silo.CreateClient(null);
        foreach (var path in new[] { "/patrol", "/manager", "/console" })
        {
            var page = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("lang=", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var operatorKey = silo.CreateClient(t.Keys[Roles.Operator]);
        using var managerKey = silo.CreateClient(t.Keys[Roles.Manager]);
        using var patrolKey = silo.CreateClient(t.Keys[Roles.Enforcement]);
        var listed = await operatorKey.GetOkAsync($"/api/properties/{t.PropertyId}/amenities");
        var managed = await managerKey.GetOkAsync($"/api/properties/{t.PropertyId}/amenities");

        Assert.Equal(t.AmenityId, Assert.Single(listed.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(t.AmenityId, Assert.Single(managed.GetProperty("items").EnumerateArray()).Id());
        await ProblemAssert.IsProblemAsync(await patrolKey.GetAsync($"/api/properties/{t.PropertyId}/amenities"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/properties/{t.PropertyId}/amenities"), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(
            await operatorKey.GetAsync($"/api/properties/{t.PropertyId}/amenities?limit=0"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task HomePage_ServesHtmlThatLinksSwaggerAndHealth()
    {
        using var anonymous = silo.CreateClient(null);
        var home = await anonymous.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("/swagger", html, StringComparison.Ordinal);
        Assert.Contains("/health/ready", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/assets/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/assets/nothing.js")).StatusCode);
    }
}
