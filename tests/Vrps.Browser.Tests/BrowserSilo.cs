using Microsoft.Playwright;

namespace Vrps.Browser.Tests;

/// <summary>
/// A test class's fixture: one whole silo on its own database and one headless Chromium, started side by side once for
/// the class (a silo takes seconds to start). Each test opens its own browser context — fresh cookies and storage —
/// and creates its own tenant or lot through <see cref="Admin"/>, so tests in a class never see each other's state.
/// </summary>
public sealed class BrowserSilo : IAsyncLifetime
{
    /// <summary>How long an expectation on a page waits for its element or text before failing.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private IPlaywright? playwright;
    private IBrowser? browser;
    private ApiSilo? silo;

    public ApiSilo Silo => silo ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A client authenticated as platform admin, for setting up and checking through the API.</summary>
    public HttpClient Admin => Silo.Client;

    public Uri BaseAddress => Silo.Client.BaseAddress!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)Deadline.TotalMilliseconds);
        var starting = StartSiloAsync();
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
        silo = await starting;
    }

    /// <summary>A new page in a context of its own, at <paramref name="width"/> CSS pixels, in US English and UTC.</summary>
    /// <remarks>Dispose the page's <see cref="IPage.Context"/> when the test ends.</remarks>
    public async Task<IPage> NewPageAsync(int width = Screenshots.WideWidth)
    {
        var context = await (browser ?? throw new InvalidOperationException("The fixture has not started.")).NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Deadline.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task<ApiSilo> StartSiloAsync() => await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("browser"));
}
