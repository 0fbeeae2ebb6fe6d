using Microsoft.Playwright;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>The portal in a real Chromium: sign in as the seeded demo user and browse the solution catalog.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalBrowserTests(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_demo_user_signs_in_and_sees_every_solution_with_its_columns()
    {
        var portal = platform.App.GetEndpoint(ResourceNames.Portal, "http");
        await using var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add($"error: {e}");
        page.Response += (_, r) => { if (r.Status >= 400) console.Add($"{r.Status} {r.Url}"); };

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await Browser.ScreenshotAsync(page, "01-sign-in");

        var password = (await File.ReadAllTextAsync(Path.Combine(platform.SecretsFolder, "portal-demo-password"))).Trim();
        await page.FillAsync("#email", "demo@platform.local");
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        try { await Browser.WaitUntilInteractiveAsync(page); }
        catch (TimeoutException) { throw new Xunit.Sdk.XunitException("not interactive: " + page.Url + "\n" + string.Join("\n", console) + "\n" + await page.ContentAsync()); }
        var cards = page.Locator(".solution-card");
        await cards.First.WaitForAsync();
        Assert.Equal(3, await cards.CountAsync());
        var finance = page.Locator("[data-solution='finance-credit-risk']");
        Assert.Contains("Credit risk", await finance.InnerTextAsync());
        Assert.Contains("Income", await finance.InnerTextAsync());
        Assert.Contains("demo@platform.local", await page.Locator("[data-user]").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "02-catalog");

        // A narrow window keeps the catalog readable: the cards stack.
        await page.SetViewportSizeAsync(420, 900);
        await Browser.ScreenshotAsync(page, "03-catalog-narrow");
        var first = await cards.Nth(0).BoundingBoxAsync();
        var second = await cards.Nth(1).BoundingBoxAsync();
        Assert.True(second!.Y > first!.Y + first.Height - 1, "on a narrow window the cards should stack");
    }
}
