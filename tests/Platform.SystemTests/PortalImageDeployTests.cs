using Microsoft.Playwright;
using Platform.Demo;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// The product images solution in the portal (issue 17, item 5): deployed from its sample archive,
/// the profile shows the classes and a gallery; once live, try-it takes an image file, answers every
/// class's probability and outlines the patches that decided it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalImageDeployTests(PlatformFixture platform, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_user_deploys_product_images_from_the_sample_sees_the_gallery_and_asks_about_an_image()
    {
        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await session.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform), "/deploy/retail-product-images");
        await session.WaitUntilInteractiveAsync();
        // MudBlazor's buttons are upper-cased by CSS, which innerText reflects.
        Assert.Contains("Upload a zip of images", await page.Locator("[data-step='data']").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        await page.ClickAsync("[data-action='use-sample']");
        await page.Locator("[data-step='profile']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal("2000", await page.Locator("[data-image-profile]").GetAttributeAsync("data-image-profile"));
        // Three thumbnails of each of the ten classes.
        Assert.Equal("30", await page.Locator("[data-gallery]").GetAttributeAsync("data-gallery"));
        Assert.Equal(30, await page.Locator("[data-thumbnail] img").CountAsync());
        await Assertions.Expect(page.Locator("[data-task='multiclass-classification']")).ToHaveAttributeAsync("data-classes", "10");
        await Browser.ScreenshotAsync(page, "images-11-deploy-gallery");

        await page.ClickAsync("[data-action='deploy']");
        await page.Locator("[data-api-key]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        try
        {
            await page.Locator("[data-deployment-state='live']").WaitForAsync(new LocatorWaitForOptions { Timeout = 240_000 });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"not live after 4 minutes: {await page.Locator("[data-section='progress']").InnerTextAsync()}\n{session.Log}");
        }
        await Browser.ScreenshotAsync(page, "images-12-deployment-live");

        // A test image it never saw, chosen as a file, as a customer would.
        var (test, labels) = ProductImages.Read(ProductImages.Test, 1);
        await session.ChooseFileAsync("[data-section='try-it'] [data-input='image']",
            new FilePayload { Name = "product.png", MimeType = "image/png", Buffer = ProductImages.Png(test, 0) });
        await page.Locator("[data-image-preview]").WaitForAsync();
        await page.ClickAsync("[data-section='try-it'] [data-action='predict']");
        var answer = page.Locator("[data-prediction]");
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        output.WriteLine($"asked about a {ProductImages.Classes[labels[0]]}: answered {await answer.GetAttributeAsync("data-prediction")}");
        Assert.Contains(await answer.GetAttributeAsync("data-prediction"), ProductImages.Classes);
        Assert.Equal(10, await page.Locator("[data-probability]").CountAsync());
        // try-it explains (occlusion): the patches are outlined on the image.
        await page.Locator("[data-image-highlights] [data-patch]").First.WaitForAsync();
        await Browser.ScreenshotAsync(page, "images-13-try-it");
    }
}
