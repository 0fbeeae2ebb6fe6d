using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// The deployment page's monitoring in a real Chromium: the PSI chart of served traffic, live
/// quality from feedback, the retraining history with its decision, and the policy editor, which
/// saves through the registry and shows the field a refused value is wrong in.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalMonitoringTests(PlatformFixture platform, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_deployment_page_shows_drift_quality_and_retraining_and_edits_the_policy()
    {
        // An organization of its own, whose admin (as the operator created it) signs in below.
        var organization = await platform.CreateOrganizationAsync();
        var scenario = await RetrainingScenario.ServingAsync(platform, organization.TenantId, $"churn-watch-{Guid.NewGuid().ToString("N")[..6]}");
        await scenario.PutPolicyAsync(new { windowRows = 50 });
        await Eventually.TrueAsync(async () => await WindowRowsServedAsync(scenario) == 50, "inference to apply the policy");

        // 150 rows like the training data: three drift windows; their labels as feedback; then a noisy new version to retrain on.
        var (instances, labels) = await RetrainingScenario.SampleAsync(150, seed: 3);
        var ids = new List<Guid>();
        foreach (var chunk in instances.Chunk(50))
        {
            var answer = await scenario.PredictAsync(new JsonArray(chunk.Select(i => i!.DeepClone()).ToArray()));
            ids.AddRange(answer["predictions"]!.AsArray().Select(p => p!["predictionId"]!.GetValue<Guid>()));
        }
        (await scenario.FeedbackAsync(new JsonArray(ids.Select((id, i) => (JsonNode)new JsonObject { ["predictionId"] = id, ["label"] = labels[i] }).ToArray())))
            .EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await scenario.DriftAsync()).AsArray().Count >= 3, "three drift windows");
        await scenario.UploadNoisyVersionAsync();
        var episode = await scenario.DecidedEpisodeAsync(TimeSpan.FromMinutes(4));

        await using var session = await PortalSession.OpenAsync(platform, browser, height: 2400);
        var page = session.Page;
        await session.SignInAsync(organization.AdminEmail, organization.AdminPassword!, $"/deployments/{scenario.Deployment}");
        await session.WaitUntilInteractiveAsync();

        var drift = page.Locator("[data-test='drift']");
        await drift.Locator("[data-psi-chart]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.True(int.Parse((await drift.Locator("[data-psi-chart]").GetAttributeAsync("data-psi-chart"))!) >= 3);
        Assert.Equal("0.2", await drift.Locator("[data-psi-threshold]").GetAttributeAsync("data-psi-threshold"));
        // A marker for each window that opened a drift episode, as Inference recorded them (50-row windows are noisy on purpose here).
        var opened = (await scenario.DriftAsync()).AsArray().Count(w => w!["driftDetected"]!.GetValue<bool>());
        Assert.Equal(opened, await drift.Locator("[data-drift-marker]").CountAsync());

        var quality = page.Locator("[data-test='live-quality']");
        await Assertions.Expect(quality.Locator("[data-live='labelledRows']")).ToContainTextAsync("150", new() { Timeout = 15_000 });

        var history = page.Locator("[data-test='retraining-history']");
        await Assertions.Expect(history.Locator("[data-decision]")).ToHaveAttributeAsync("data-decision", "rejected", new() { Timeout = 15_000, IgnoreCase = true });
        Assert.Contains(episode["championAuc"]!.GetValue<double>().ToString("F4", System.Globalization.CultureInfo.InvariantCulture), await history.InnerTextAsync());
        await Browser.ScreenshotAsync(page, "40-deployment-monitoring");

        // The policy editor: a value out of range is refused at its field; a valid one is saved in the registry.
        var policy = page.Locator("[data-test='retraining-policy']");
        await policy.Locator("input[data-field='windowRows']").FillAsync("10");
        await policy.Locator("[data-test='save-policy']").ClickAsync();
        await Assertions.Expect(policy).ToContainTextAsync("must be between 50", new() { Timeout = 15_000 });
        Assert.Equal(50, (await scenario.PolicyAsync())["windowRows"]!.GetValue<int>());
        await Browser.ScreenshotAsync(page, "41-policy-refused");

        await policy.Locator("input[data-field='windowRows']").FillAsync("400");
        await policy.Locator("input[data-field='cooldownSeconds']").FillAsync("900");
        await policy.Locator("[data-test='save-policy']").ClickAsync();
        await policy.Locator("[data-policy-saved]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var saved = await scenario.PolicyAsync();
        Assert.Equal(400, saved["windowRows"]!.GetValue<int>());
        Assert.Equal(900, saved["cooldownSeconds"]!.GetValue<int>());
        await Eventually.TrueAsync(async () => await WindowRowsServedAsync(scenario) == 400, "inference to apply the saved policy");
        output.WriteLine(saved.ToJsonString());
    }

    private async Task<int?> WindowRowsServedAsync(RetrainingScenario scenario)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/serving");
        await platform.AuthorizeAsync(request, scenario.Tenant);
        var response = await platform.Client(Contracts.ResourceNames.Inference).SendAsync(request);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == scenario.Deployment);
        return served?["drift"]?["windowRows"]?.GetValue<int>();
    }
}
