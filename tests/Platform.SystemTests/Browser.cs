using Microsoft.Playwright;

namespace Platform.SystemTests;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download cannot work here), headless.
/// Screenshots go under the test output, in <c>screenshots/</c>.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary><c>./platform test</c> puts them beside the TRX files (PLATFORM_SCREENSHOTS); a bare test run, beside the test binaries.</summary>
    public static string ScreenshotsFolder { get; } =
        Environment.GetEnvironmentVariable("PLATFORM_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// A picture of the page for the record, not an assertion: animations are stopped so the page is
    /// still, and a screenshot that cannot be taken in time on a busy machine (Chromium rasterising a
    /// full page while two test projects share two cores) leaves a note in its place instead of
    /// failing the behaviour the test checked.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotsFolder);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(ScreenshotsFolder, $"{name}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled, Timeout = 60_000,
            });
        }
        catch (TimeoutException ex)
        {
            await File.WriteAllTextAsync(Path.Combine(ScreenshotsFolder, $"{name}.txt"), $"No screenshot: {ex.Message}");
        }
    }
}
