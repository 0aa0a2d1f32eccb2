namespace Vrps.Testing.Api;

/// <summary>
/// A lot a visitor can claim at without a code: its own customer and property (branded, UTC), a free two-hour
/// "Visitor" pass type and one open offer of it. What the public pages are tested on, over the API and in a browser.
/// </summary>
public sealed record PublicLot(Guid LotId, Guid OfferId, Guid PassTypeId)
{
    /// <summary>The property's primary brand colour, which the pages paint their brand bar with.</summary>
    public const string BrandColor = "#003366";

    /// <param name="name">Names the customer, property ("{name} Tower") and lot ("{name} Lot").</param>
    public static async Task<PublicLot> CreateAsync(HttpClient admin, string name)
    {
        var customer = (await admin.PostOkAsync("/api/customers", new { name = $"{name} Co" })).Id();
        var property = (await admin.PostOkAsync($"/api/customers/{customer}/properties", new { name = $"{name} Tower", timezone = "UTC" })).Id();
        await admin.SendOkAsync(HttpMethod.Patch, $"/api/properties/{property}", new { branding = new { primaryColor = BrandColor } });
        var lot = (await admin.PostOkAsync($"/api/properties/{property}/lots", new { name = $"{name} Lot", capacity = 20, mode = "both" })).Id();
        var passType = (await admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Visitor",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 2 } },
        })).Id();
        var offer = (await admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = passType })).Id();
        return new PublicLot(lot, offer, passType);
    }
}
