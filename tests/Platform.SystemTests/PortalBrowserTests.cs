using Microsoft.Playwright;
using Platform.Contracts.Solutions;

namespace Platform.SystemTests;

/// <summary>The portal in a real Chromium: sign in as the seeded demo user and browse the solution catalog.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalBrowserTests(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_demo_user_signs_in_and_sees_every_solution_with_its_columns_and_price()
    {
        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await Browser.ScreenshotAsync(page, "01-sign-in");

        await session.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform));
        var cards = page.Locator(".solution-card");
        await cards.First.WaitForAsync();
        Assert.Equal(SolutionTemplates.All.Count, await cards.CountAsync());
        Assert.Contains("Review sentiment", await page.Locator("[data-solution='retail-review-sentiment']").InnerTextAsync());
        var finance = page.Locator("[data-solution='finance-credit-risk']");
        Assert.Contains("Credit risk", await finance.InnerTextAsync());
        Assert.Contains("Income", await finance.InnerTextAsync());
        Assert.Contains("per 1,000 predictions", await finance.Locator("[data-price]").InnerTextAsync());
        Assert.Contains("demo@platform.local", await page.Locator("[data-user]").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "02-catalog");

        // A narrow window keeps the catalog readable: the cards stack.
        await page.SetViewportSizeAsync(420, 900);
        // The layout follows the resize a frame or a re-render later (the library's breakpoint listener): poll, briefly.
        await Eventually.TrueAsync(async () =>
        {
            var first = await cards.Nth(0).BoundingBoxAsync();
            var second = await cards.Nth(1).BoundingBoxAsync();
            return second!.Y > first!.Y + first.Height - 1;
        }, "on a narrow window the cards to stack", TimeSpan.FromSeconds(5));
        await Browser.ScreenshotAsync(page, "03-catalog-narrow");
    }
}
