using Microsoft.Playwright;

namespace Vrps.Browser.Tests;

/// <summary>Debian's Chromium, the one browser these tests drive: nothing is downloaded, so CI installs it beside Postgres.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <exception cref="InvalidOperationException">Chromium is not installed: browser tests fail, they never skip.</exception>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium at {ExecutablePath}, which is missing: install it with `apt-get install -y chromium` (.ci/run does so as root).");
        }

        // As root Chromium refuses to start inside its own sandbox; the pages it opens are our own, on loopback.
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }
}
