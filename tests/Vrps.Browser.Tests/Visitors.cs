using System.Text.Json;
using Microsoft.Playwright;

namespace Vrps.Browser.Tests;

/// <summary>What the visitor-page tests look up through the API and fill into the pages.</summary>
internal static class Visitors
{
    public static async Task<string> SlugAsync(this HttpClient admin, Guid lot) =>
        (await admin.GetOkAsync($"/api/lots/{lot}")).GetProperty("slug").GetString()!;

    /// <summary>The lot's passes for <paramref name="plate"/> (as the API normalises it), every page of them.</summary>
    public static async Task<IReadOnlyList<JsonElement>> PassesForPlateAsync(this HttpClient admin, Guid lot, string plate)
    {
        var found = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await admin.GetOkAsync($"/api/lots/{lot}/passes?limit=200" + (cursor is null ? "" : $"&cursor={cursor}"));
            found.AddRange(page.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("plate").GetString() == plate).Select(static p => p.Clone()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return found;
    }

    /// <summary>Fills the claim form's contact and plate, as a visitor types them.</summary>
    public static async Task FillClaimAsync(this IPage page, string contact, string plate)
    {
        await page.GetByLabel("Phone number or email").FillAsync(contact);
        await page.GetByLabel("Licence plate").FillAsync(plate);
    }

    public static ILocator SubmitButton(this IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Get my pass" });

    /// <summary>The pass id from the pass page's address, /p/{id}.</summary>
    public static Guid PassId(this IPage page) => Guid.Parse(new Uri(page.Url).Segments[^1]);
}
