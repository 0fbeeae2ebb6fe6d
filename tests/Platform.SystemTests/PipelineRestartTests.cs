using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// The deployment process manager keeps its state in the registry's tables: a registry that is
/// down while the flow moves on picks it up where it stopped.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class PipelineRestartTests(OutageFixture platform)
{
    [Fact]
    public async Task A_registry_restarted_mid_flow_resumes_the_deployment_to_promotion()
    {
        var tenant = await platform.RegisterTenantAsync();
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/deployments")
        {
            Content = JsonContent.Create(new { name = "churn", solution = "retail-churn", dataset = "churn" }),
        };
        await platform.AuthorizeAsync(create, tenant);
        Assert.Equal(HttpStatusCode.Created, (await platform.Client(ResourceNames.Registry).SendAsync(create)).StatusCode);

        // The registry sends TrainModel and goes down; training's outcome waits in the registry's queue.
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "churn", "retail-churn.csv")).StatusCode);
        await Eventually.TrueAsync(async () => (await DeploymentAsync(tenant))["runs"]!.AsArray().Count == 1, "the run to start");
        await platform.StopServiceAsync(ResourceNames.Registry);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await platform.StartServiceAsync(ResourceNames.Registry);

        var detail = await Eventually.ValueAsync(() => DeploymentAsync(tenant),
            d => d["deployment"]!["state"]!.GetValue<string>() is "Serving" or "Failed",
            "the deployment to be promoted after the restart", TimeSpan.FromMinutes(4));
        Assert.Equal("Serving", detail["deployment"]!["state"]!.GetValue<string>());
        var run = Assert.Single(detail["runs"]!.AsArray())!;
        Assert.Equal("Promoted", run["state"]!.GetValue<string>());
        Assert.True(detail["champion"]!["testAuc"]!.GetValue<double>() >= 0.85);
    }

    [Fact]
    public async Task A_registry_restarted_mid_retraining_resumes_the_episode_to_its_decision()
    {
        var scenario = await RetrainingScenario.ServingAsync(platform);
        await scenario.UploadNoisyVersionAsync();
        await Eventually.TrueAsync(async () => (await scenario.EpisodesAsync()) is [{ } e, ..] && e["state"]!.GetValue<string>() == "Training",
            "the challenger to start training");

        // The registry goes down with the episode open; training's outcome waits in its queue.
        await platform.StopServiceAsync(ResourceNames.Registry);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await platform.StartServiceAsync(ResourceNames.Registry);

        var episode = await scenario.DecidedEpisodeAsync(TimeSpan.FromMinutes(4));
        Assert.Equal("Rejected", episode["decision"]?.GetValue<string>());
        Assert.Single(await scenario.EpisodesAsync());
        Assert.Equal(scenario.ChampionVersionId, await scenario.ServedVersionAsync());
    }

    private async Task<JsonNode> DeploymentAsync(Guid tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/deployments/churn");
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(ResourceNames.Registry).SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
