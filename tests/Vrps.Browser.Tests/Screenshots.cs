using Microsoft.Playwright;

namespace Vrps.Browser.Tests;

/// <summary>
/// With VRPS_SCREENSHOTS=1, each page a test reaches is saved at a phone's and a desktop's width as
/// docs/screenshots/{page}-{width}.png in the repository, for the README; otherwise nothing is written.
/// </summary>
internal static class Screenshots
{
    public const int NarrowWidth = 375;
    public const int WideWidth = 1280;
    private const string Switch = "VRPS_SCREENSHOTS";
    private const string SolutionFile = "Vrps.Orleans.sln";

    private static readonly Lazy<string> Folder = new(() => Path.Combine(RepositoryRoot(), "docs", "screenshots"));

    public static bool Enabled => Environment.GetEnvironmentVariable(Switch) == "1";

    /// <summary>Saves the page as it is now at both widths, then gives it back its own width.</summary>
    public static async Task CaptureAsync(IPage page, string name)
    {
        if (!Enabled)
        {
            return;
        }

        var size = page.ViewportSize ?? new() { Width = WideWidth, Height = 800 };
        Directory.CreateDirectory(Folder.Value);
        foreach (var width in (int[])[NarrowWidth, WideWidth])
        {
            await page.SetViewportSizeAsync(width, size.Height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, $"{name}-{width}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }

        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: screenshots are written into the repository.");
    }
}
