using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using Platform.Contracts.Solutions;
using Platform.Tabular;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// The portal's deploy flow in a real Chromium against the real platform: a signed-in user deploys
/// a solution from its sample data, watches it go live, calls it from the try-it form and sees the
/// usage rise; a broken upload is explained; a viewer cannot deploy. Screenshots of every page go to
/// the test output's screenshots/ folder.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalDeployTests(PlatformFixture platform, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private static readonly TimeSpan UntilLive = TimeSpan.FromMinutes(4);

    [Theory]
    [InlineData("healthcare-diabetes-risk")]
    [InlineData("finance-credit-risk")]
    [InlineData("retail-churn")]
    public async Task A_user_deploys_a_solution_from_its_sample_sees_it_live_predicts_and_sees_the_usage_rise(string solutionName)
    {
        var solution = SolutionTemplates.Find(solutionName)!;
        TabularData sample;
        await using (var file = File.OpenRead(PlatformApi.SamplePath(solution.SampleDataset))) sample = CsvTableReader.ReadAll(file);
        var shot = solution.Vertical;

        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await session.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform));

        await page.ClickAsync($"[data-solution='{solutionName}'] [data-action='deploy-solution']");
        await page.WaitForURLAsync($"**/deploy/{solutionName}");
        await session.WaitUntilInteractiveAsync();
        await Browser.ScreenshotAsync(page, $"{shot}-10-deploy-choose-data");

        await page.ClickAsync("[data-action='use-sample']");
        await page.Locator("[data-step='profile']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal(sample.Columns.Count, await page.Locator("[data-column-card]").CountAsync());
        Assert.Equal(sample.Rows.Count.ToString(), await page.Locator("[data-profile-rows]").GetAttributeAsync("data-profile-rows"));
        Assert.Contains(solution.TargetColumn, await page.Locator("[data-field='target']").InnerTextAsync());
        Assert.Contains(solution.PositiveClass, await page.Locator("[data-field='positive']").InnerTextAsync());
        await Browser.ScreenshotAsync(page, $"{shot}-11-deploy-profile");

        var deployedAt = Stopwatch.StartNew();
        await page.ClickAsync("[data-action='deploy']");
        try
        {
            // The deployment page's own content, not the navigation's load event: a client-side navigation
            // under load has left the page shown, live, while the URL wait timed out.
            await page.Locator("[data-api-key]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.Matches($"^/deployments/{solution.Vertical}-[0-9a-f]+$", new Uri(page.Url).AbsolutePath);
        }
        catch (TimeoutException)
        {
            // Say what the page showed instead (a problem from the registry, a dropped circuit), for the next one to read.
            await Browser.ScreenshotAsync(page, $"{shot}-12-deploy-did-not-navigate");
            var alerts = string.Join(" | ", await page.Locator(".mud-alert").AllInnerTextsAsync());
            throw new Xunit.Sdk.XunitException($"the deploy click did not open the deployment within 60 s; alerts: '{alerts}'\n{session.Log}");
        }
        var name = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var apiKey = await page.Locator("[data-api-key]").InnerTextAsync();
        Assert.StartsWith("pk_", apiKey);
        await page.Locator("[data-progress-step='Training'][data-state='Active'], [data-progress-step='Training'][data-state='Done']")
            .First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Browser.ScreenshotAsync(page, $"{shot}-12-deployment-progress");

        try
        {
            await page.Locator("[data-deployment-state='live']").WaitForAsync(new LocatorWaitForOptions { Timeout = (float)UntilLive.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"not live after {UntilLive}: {await page.Locator("[data-section='progress']").InnerTextAsync()}\n{session.Log}");
        }
        output.WriteLine($"{solutionName}: deploy to live in the browser {deployedAt.Elapsed.TotalSeconds:F1} s");
        // The progress view was pushed every step and drew the epochs.
        foreach (var step in new[] { "Ingested", "Training", "Compressed", "Promoted", "Live" })
            await Assertions.Expect(page.Locator($"[data-progress-step='{step}']")).ToHaveAttributeAsync("data-state", "Done");
        await Eventually.TrueAsync(async () => int.Parse((await page.Locator("[data-epoch-chart]").GetAttributeAsync("data-epoch-chart"))!) >= 5,
            "the epoch chart to show the run's epochs", TimeSpan.FromSeconds(15));
        // Live comes with the event; the model's details follow with the refresh it starts.
        // The compression menu (ADR 24): the trained model and its distilled student always, int8 beside them for an MLP.
        await Assertions.Expect(page.Locator("[data-model-comparison] [data-version-technique='distilled']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-model-comparison] [data-version-technique='fp32']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-family-leaderboard] [data-chosen]")).ToHaveCountAsync(1);
        // Lineage: dataset → fp32 → the variant that serves, or dataset → fp32 when no variant may.
        var serving = await page.Locator("[data-section='model'] .mud-typography-h6").First.InnerTextAsync();
        await Assertions.Expect(page.Locator("[data-lineage-node]")).ToHaveCountAsync(serving.Contains(", fp32)") ? 2 : 3, new() { Timeout = 15_000 });
        Assert.Contains($"/api/deployments/{name}/predict", await page.Locator("[data-endpoint-url]").InnerTextAsync());
        await Browser.ScreenshotAsync(page, $"{shot}-13-deployment-live");

        await session.NavigateByLinkAsync("[data-nav='usage']", "**/usage");
        await page.Locator("[data-invoice-predictions]").WaitForAsync();
        await page.Locator("[data-usage-total]").WaitForAsync();
        var before = long.Parse((await page.Locator("[data-invoice-predictions]").GetAttributeAsync("data-invoice-predictions"))!);
        var lastHourBefore = long.Parse((await page.Locator("[data-usage-total]").GetAttributeAsync("data-usage-total"))!);

        // Back through the app's own links: the circuit, and the key it was shown, survive.
        await session.NavigateByLinkAsync("[data-nav='deployments']", "**/deployments");
        await session.NavigateByLinkAsync($"[data-deployment-link='{name}']", $"**/deployments/{name}");
        var predict = page.Locator("[data-section='try-it'] [data-action='predict']");
        await predict.WaitForAsync();
        await predict.ClickAsync();
        var answer = page.Locator("[data-prediction]");
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var classes = sample.Rows.Select(r => r[sample.Columns.ToList().IndexOf(solution.TargetColumn)]).Distinct().ToArray();
        Assert.Contains(await answer.GetAttributeAsync("data-prediction"), classes);
        Assert.Equal(2, await page.Locator("[data-probability]").CountAsync());
        await Browser.ScreenshotAsync(page, $"{shot}-14-try-it");

        await session.NavigateByLinkAsync("[data-nav='usage']", "**/usage");
        await page.Locator($"[data-invoice-predictions='{before + 1}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // The chart's series is the same prediction, bucketed by billing in SQL.
        await page.Locator($"[data-usage-total='{lastHourBefore + 1}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Contains(name, await page.Locator("[data-section='invoice']").InnerTextAsync());
        await Browser.ScreenshotAsync(page, $"{shot}-15-usage-and-billing");

        await page.SetViewportSizeAsync(420, 900);
        await Browser.ScreenshotAsync(page, $"{shot}-16-usage-narrow");
    }

    [Fact]
    public async Task A_deployment_whose_training_fails_says_why()
    {
        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await session.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform), "/deploy/finance-credit-risk");

        // A valid file whose target has two classes but one row of the second: the page cannot know
        // which split that row falls in, training finds one split without it.
        var csv = new StringBuilder("Status,Seniority,Income\n");
        for (var i = 0; i < 60; i++) csv.Append($"{(i == 7 ? "bad" : "good")},{i % 20},{100 + i}\n");
        await session.ChooseFileAsync("[data-action='upload']", new FilePayload { Name = "one-bad-row.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.Locator("[data-step='confirm']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.ClickAsync("[data-action='deploy']");

        // The deployment page's own content, not the navigation's load event (see above).
        var failure = page.Locator("[data-failure]");
        await failure.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.StartsWith("/deployments/finance-", new Uri(page.Url).AbsolutePath);
        Assert.Contains("the dataset is too small or too unbalanced", await failure.InnerTextAsync());
        Assert.Equal("Failed", await page.Locator("[data-progress-step='Training']").GetAttributeAsync("data-state"));
        Assert.Equal("failed", await page.Locator("[data-deployment-state]").GetAttributeAsync("data-deployment-state"));
        await Browser.ScreenshotAsync(page, "21-deployment-failed");
    }

    [Fact]
    public async Task A_target_of_one_value_is_refused_on_the_page_with_the_reason_before_anything_is_deployed()
    {
        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await session.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform), "/deploy/finance-credit-risk");

        var csv = new StringBuilder("Status,Seniority,Income\n");
        for (var i = 0; i < 60; i++) csv.Append($"good,{i % 20},{100 + i}\n");
        await session.ChooseFileAsync("[data-action='upload']", new FilePayload { Name = "one-class.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.Locator("[data-step='confirm']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        Assert.Contains("'Status' has 1 distinct value; a target needs at least two classes.", await page.Locator("[data-target-refusal]").InnerTextAsync());
        Assert.True(await page.Locator("[data-action='deploy']").IsDisabledAsync());
    }

    [Fact]
    public async Task A_malformed_upload_is_refused_with_the_row_and_the_reason_and_nothing_is_deployed()
    {
        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await session.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform), "/deploy/finance-credit-risk");

        var csv = "Status,Seniority,Home\ngood,9,rent\nbad,17\n";
        await session.ChooseFileAsync("[data-action='upload']", new FilePayload { Name = "ragged.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var problem = page.Locator("[data-problem]");
        await problem.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var text = await problem.InnerTextAsync();
        Assert.Contains("row 3", text);
        Assert.Equal(0, await page.Locator("[data-step='profile']").CountAsync());
        await Browser.ScreenshotAsync(page, "20-deploy-refused-upload");
    }

    [Fact]
    public async Task An_admin_adds_a_viewer_who_can_read_but_not_deploy()
    {
        string email = $"viewer-{Guid.NewGuid():N}@example.com", password;
        await using (var admin = await PortalSession.OpenAsync(platform, browser))
        {
            await admin.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform));
            await admin.NavigateByLinkAsync("[data-nav='team']", "**/team");
            await admin.Page.FillAsync("[data-input='member-email']", email);
            await admin.Page.ClickAsync("[data-input='member-role']");
            await admin.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('viewer')");
            await Eventually.TrueAsync(async () => (await admin.Page.Locator("[data-input='member-role']").InnerTextAsync()).Contains("viewer"), "the role select to show viewer");
            await admin.Page.ClickAsync("[data-action='add-member']");
            password = await admin.Page.Locator("[data-member-password]").InnerTextAsync();
            Assert.Equal("viewer", await admin.Page.Locator($"[data-member='{email}'] [data-member-roles]").InnerTextAsync());
            await Browser.ScreenshotAsync(admin.Page, "30-team");
        }

        await using var viewer = await PortalSession.OpenAsync(platform, browser);
        await viewer.SignInAsync(email, password);
        await viewer.Page.Locator(".solution-card").First.WaitForAsync();
        Assert.Equal(0, await viewer.Page.Locator("[data-action='deploy-solution']").CountAsync());
        Assert.Equal(0, await viewer.Page.Locator("[data-nav='team']").CountAsync());
        await viewer.Page.GotoAsync("/deploy/retail-churn");
        await viewer.WaitUntilInteractiveAsync();
        await Browser.ScreenshotAsync(viewer.Page, "31-viewer-cannot-deploy");
        await viewer.Page.Locator("[data-forbidden]").WaitForAsync();

        // The handed-over password is replaced by one only the member knows.
        var own = $"my own passphrase {Guid.NewGuid():N}";
        await viewer.Page.GotoAsync("/account/password");
        await viewer.Page.FillAsync("#current", password);
        await viewer.Page.FillAsync("#new", own);
        await viewer.Page.ClickAsync("button[type=submit]");
        await viewer.Page.Locator("[data-password-changed]").WaitForAsync();
        await Browser.ScreenshotAsync(viewer.Page, "32-password-changed");
        await using var again = await PortalSession.OpenAsync(platform, browser);
        await again.SignInAsync(email, own);
        await again.Page.Locator(".solution-card").First.WaitForAsync();
    }
}
