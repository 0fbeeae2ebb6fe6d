using Microsoft.Playwright;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>A signed-in browser session on the portal of the test platform, collecting what the page logs for failure messages.</summary>
public sealed class PortalSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _log = [];

    private PortalSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) => { if (m.Type is "error" or "warning") _log.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => _log.Add($"page error: {e}");
        page.Response += (_, r) => { if (r.Status >= 400) _log.Add($"{r.Status} {r.Url}"); };
    }

    public IPage Page { get; }

    public string Log => string.Join("\n", _log);

    public static async Task<PortalSession> OpenAsync(PlatformFixture platform, Browser browser, int width = 1280, int height = 800)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.App.GetEndpoint(ResourceNames.Portal, "http").ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return new PortalSession(context, await context.NewPageAsync());
    }

    public static async Task<string> DemoPasswordAsync(PlatformFixture platform) =>
        (await File.ReadAllTextAsync(Path.Combine(platform.SecretsFolder, "portal-demo-password"))).Trim();

    public async Task SignInAsync(string email, string password, string path = "/")
    {
        await Page.GotoAsync(path);
        await Page.WaitForURLAsync("**/login**");
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Clicks made before the Blazor circuit is up are lost: wait until the layout says it is interactive.</summary>
    public async Task WaitUntilInteractiveAsync()
    {
        try
        {
            await Page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"The page never became interactive: {Page.Url}\n{Log}");
        }
    }

    /// <summary>Follows a link inside the app, as a user clicks it: the circuit (and what it holds) survives.</summary>
    public async Task NavigateByLinkAsync(string selector, string urlGlob)
    {
        await Page.ClickAsync(selector);
        await Page.WaitForURLAsync(urlGlob);
    }

    /// <summary>
    /// Chooses a file in a Blazor InputFile as a user would, once the input listens: Blazor attaches
    /// its change listener after the first render (it marks the element then), and a file chosen
    /// before that is silently ignored. Users are never that fast; a test is.
    /// </summary>
    public async Task ChooseFileAsync(string selector, FilePayload file)
    {
        await Page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", selector);
        await Page.SetInputFilesAsync(selector, file);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
