using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Demo;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// The retraining loop against the real services, driven by messages only: drift in served traffic,
/// ground truth as feedback, a dataset version derived from both, a challenger trained and compared
/// with the champion on the same held-out rows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RetrainingTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Shifted_traffic_is_detected_labelled_and_retrained_on_and_the_decision_is_made_on_the_same_rows()
    {
        var client = platform.Api;
        var result = await new RetrainingJourney(client, output.WriteLine).RunAsync("finance", PlatformApi.SamplePath, 1000, CancellationToken.None);
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));

        // No false alarm on traffic like the training data; the shifted columns, and only they, drift.
        Assert.True(result.WindowsBeforeShift >= 4, $"{result.WindowsBeforeShift} windows before the shift");
        Assert.Equal(0, result.FalseAlarmsBeforeShift);
        Assert.True(result.DriftDetected);
        Assert.Equal(result.ShiftedColumns.Order(), result.DriftFeatures.Order());
        Assert.True(result.PsiMax > 0.2);

        // The decision follows from the two ROC-AUCs on the same rows and the default margin.
        Assert.NotNull(result.ChampionAuc);
        Assert.NotNull(result.ChallengerAuc);
        Assert.Equal(result.ChallengerAuc >= result.ChampionAuc + 0.005 - 1e-4 ? "Promoted" : "Rejected", result.Decision);
        Assert.NotNull(result.TraceId);

        // Lineage: the challenger learned from a version derived from the champion's data plus the 1,000 labelled rows.
        var challenger = await client.ModelVersionAsync(result.TenantId, result.ChallengerVersionId!.Value, CancellationToken.None);
        var lineage = await GetAsync(ResourceNames.Registry, $"/api/model-versions/{result.ChallengerVersionId}/lineage", result.TenantId);
        var derived = lineage["dataset"]!;
        Assert.Equal(result.DatasetVersionId, derived["datasetVersionId"]!.GetValue<Guid>());
        Assert.Equal(1000, derived["appendedRows"]!.GetValue<long>());
        var champion = await client.ModelVersionAsync(result.TenantId, result.ChampionVersionId, CancellationToken.None);
        Assert.Equal(champion["datasetVersionId"]!.GetValue<Guid>(), derived["derivedFromVersionId"]!.GetValue<Guid>());
        var versions = (await GetAsync(ResourceNames.Ingestion, "/api/datasets/finance-credit/versions", result.TenantId)).AsArray();
        Assert.Equal(versions[1]!["rows"]!.GetValue<long>() + 1000, versions[0]!["rows"]!.GetValue<long>());

        // The drift's decision stands on record; one trigger, one retraining, however long the drift lasted.
        // (A drift challenger that was promoted has since been archived by the concept-shift challenger.)
        challenger = await client.ModelVersionAsync(result.TenantId, result.ChallengerVersionId!.Value, CancellationToken.None);
        Assert.Equal(result.Decision == "Promoted" ? "Archived" : "Rejected", challenger["stage"]!.GetValue<string>());
        var episodes = (await client.RetrainingAsync(result.TenantId, result.Deployment, CancellationToken.None)).AsArray();
        Assert.Equal(2, episodes.Count);
        Assert.Equal("drift", episodes[^1]!["trigger"]!.GetValue<string>());
        Assert.Equal("quality-drop", episodes[0]!["trigger"]!.GetValue<string>());

        // The winning branch (issue 14, item 6): the outcome changed for a segment, the labels showed it,
        // live quality dropped, and the challenger trained on the new rows won and was swapped in under traffic.
        var concept = result.ConceptShift!;
        Assert.Equal("quality-drop", concept.Trigger);
        Assert.Equal("Promoted", concept.Decision);
        Assert.True(concept.ChallengerAuc >= concept.ChampionAuc + 0.005 - 1e-4, $"challenger {concept.ChallengerAuc} against champion {concept.ChampionAuc}");
        Assert.True(concept.RequestsDuringSwap > 0);
        Assert.Equal(0, concept.FailedRequests);
        Assert.True(concept.SecondsFromShiftToPromotion < 120, $"{concept.SecondsFromShiftToPromotion} s from the shift to the challenger serving");
        await Eventually.TrueAsync(async () => (await client.ServingDeploymentsAsync(result.TenantId, CancellationToken.None)).AsArray()
            .Any(d => d!["name"]!.GetValue<string>() == result.Deployment && d["modelVersionId"]!.GetValue<Guid>() == concept.ChallengerVersionId && d["loaded"]!.GetValue<bool>()),
            "inference to serve the concept-shift challenger");
        Assert.Equal("Production", (await client.ModelVersionAsync(result.TenantId, concept.ChallengerVersionId!.Value, CancellationToken.None))["stage"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_challenger_trained_on_noisy_labels_is_rejected_and_the_champion_keeps_serving()
    {
        var scenario = await RetrainingScenario.ServingAsync(platform);
        await scenario.UploadNoisyVersionAsync();

        var episode = await scenario.DecidedEpisodeAsync(TimeSpan.FromMinutes(4));
        output.WriteLine(episode.ToJsonString());
        Assert.Equal("new-data", episode["trigger"]!.GetValue<string>());
        Assert.Equal("Rejected", episode["decision"]?.GetValue<string>());
        Assert.True(episode["challengerAuc"]!.GetValue<double>() < episode["championAuc"]!.GetValue<double>() + 0.005);
        Assert.Contains("champion keeps serving", episode["reason"]!.GetValue<string>());

        // Nothing changed for callers: the champion answers, and the challenger's versions are on record as rejected.
        Assert.Equal(scenario.ChampionVersionId, (await scenario.DeploymentAsync())["champion"]!["id"]!.GetValue<Guid>());
        Assert.Equal(scenario.ChampionVersionId, await scenario.ServedVersionAsync());
        var answer = await scenario.PredictAsync([new JsonObject { ["account_length"] = 100, ["total_day_minutes"] = 180.5 }]);
        Assert.Equal(scenario.ChampionVersionId, answer["modelVersionId"]!.GetValue<Guid>());
        var rejected = (await scenario.VersionsAsync()).Where(v => v!["runId"]!.GetValue<Guid>() == episode["runId"]!.GetValue<Guid>()).ToArray();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, v => Assert.Equal("Rejected", v!["stage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ground_truth_that_contradicts_the_model_is_a_quality_drop_that_retrains_on_the_labelled_rows()
    {
        var scenario = await RetrainingScenario.ServingAsync(platform, deployment: "churn-quality");
        await scenario.PutPolicyAsync(new { minLabelledRows = 200 });
        var (instances, _) = await RetrainingScenario.SampleAsync(300, seed: 5);
        var feedback = new JsonArray();
        foreach (var chunk in instances.Chunk(100))
        {
            var answer = await scenario.PredictAsync(new JsonArray(chunk.Select(i => i!.DeepClone()).ToArray()));
            foreach (var prediction in answer["predictions"]!.AsArray())
            {
                // The outcome is always the class the model did not predict: its live quality collapses.
                var other = prediction!["probabilities"]!.AsObject().Select(kv => kv.Key).Single(c => c != prediction["label"]!.GetValue<string>());
                feedback.Add(new JsonObject { ["predictionId"] = prediction["predictionId"]!.GetValue<Guid>(), ["label"] = other });
            }
        }
        (await scenario.FeedbackAsync(feedback)).EnsureSuccessStatusCode();

        var episode = await scenario.DecidedEpisodeAsync(TimeSpan.FromMinutes(4));
        output.WriteLine(episode.ToJsonString());
        Assert.Equal("quality-drop", episode["trigger"]!.GetValue<string>());
        Assert.Equal(300, episode["labelledRows"]!.GetValue<long>());
        Assert.NotNull(episode["decision"]);
        Assert.True(episode["secondsToData"]!.GetValue<double>() >= 0);
        Assert.NotEmpty(episode["championMetrics"]!.AsObject());
        // Every label contradicts the champion: its live quality as measured when the episode began.
        // (The endpoint's quality is the serving model's, which is the challenger's if it won.)
        Assert.StartsWith("live ROC-AUC 0.0000 on 300 labelled rows", episode["triggerDetail"]!.GetValue<string>());
        var versions = (await GetAsync(ResourceNames.Ingestion, $"/api/datasets/{scenario.Deployment}/versions", scenario.Tenant)).AsArray();
        Assert.Equal(versions[1]!["rows"]!.GetValue<long>() + 300, versions[0]!["rows"]!.GetValue<long>());
    }

    [Fact]
    public async Task Feedback_names_the_item_field_and_reason_of_what_it_refuses_and_applies_nothing()
    {
        var scenario = await RetrainingScenario.ServingAsync(platform);
        var served = await scenario.PredictAsync([new JsonObject { ["account_length"] = 3 }, new JsonObject { ["account_length"] = 140 }]);
        var ids = served["predictions"]!.AsArray().Select(p => p!["predictionId"]!.GetValue<Guid>()).ToArray();
        var classes = served["predictions"]![0]!["probabilities"]!.AsObject().Select(kv => kv.Key).ToArray();

        var unknown = await scenario.FeedbackAsync(new JsonArray(
            new JsonObject { ["predictionId"] = ids[0], ["label"] = classes[0] },
            new JsonObject { ["predictionId"] = Guid.NewGuid(), ["label"] = classes[0] }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("[1].predictionId", await unknown.Content.ReadAsStringAsync());

        var badLabel = await scenario.FeedbackAsync(new JsonArray(new JsonObject { ["predictionId"] = ids[1], ["label"] = "maybe" }));
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Contains("[0].label", await badLabel.Content.ReadAsStringAsync());

        var quality = await GetAsync(ResourceNames.Inference, $"/api/deployments/{scenario.Deployment}/quality", scenario.Tenant);
        Assert.Equal(0, quality["labelledRows"]!.GetValue<long>()); // the refused batch applied nothing

        var accepted = await scenario.FeedbackAsync(new JsonArray(
            new JsonObject { ["predictionId"] = ids[0], ["label"] = classes[0] },
            new JsonObject { ["predictionId"] = ids[1], ["label"] = classes[1] }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!;
        Assert.Equal(2, body["labelledRows"]!.GetValue<long>());
        Assert.Equal(0, JsonNode.Parse(await (await scenario.FeedbackAsync(new JsonArray(
            new JsonObject { ["predictionId"] = ids[0], ["label"] = classes[0] }))).Content.ReadAsStringAsync())!["labelled"]!.GetValue<int>());
    }

    private async Task<JsonNode> GetAsync(string service, string path, Guid tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(service).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }
}
