using Xunit.Abstractions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Demo;

namespace Platform.SystemTests;

/// <summary>
/// The flagship flow against the real services: a CSV becomes a trained, compressed, promoted,
/// served and billed model, moved from service to service only by messages. The journey is the
/// one <c>./platform demo</c> runs.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DeploymentJourneyTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Predictions = 300;

    [Fact]
    public async Task A_finance_csv_becomes_a_served_compressed_and_exactly_billed_model()
    {
        var client = platform.Api;
        var journey = new DeploymentJourney(client, output.WriteLine);

        var result = await journey.RunAsync("finance", PlatformApi.SamplePath, Predictions, CancellationToken.None);

        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));
        Assert.True(result.TestAuc >= 0.81, $"test ROC-AUC {result.TestAuc}");
        // On the finance sample the blend of the boosted trees and the MLP wins out of fold (ADR 22:
        // 0.8410 against the MLP's 0.8363); int8 and pruning are an MLP's alone, so its menu is a
        // distilled MLP student, which serves: within the 0.01 budget, a tenth of the bytes or fewer
        // and at least twice as fast at batch 64 (issue 14's target; ADR 24).
        Assert.Equal("blend", result.Family);
        Assert.Null(result.Int8TestAuc);
        Assert.Null(result.PrunedTestAuc);
        Assert.True(result.DistilledBytes <= 0.1 * result.Fp32Bytes, $"student {result.DistilledBytes} of fp32 {result.Fp32Bytes} bytes");
        Assert.NotNull(result.DistilledTestAuc);
        Assert.True(result.TestAuc - result.DistilledTestAuc <= 0.01, $"the student lost {result.TestAuc - result.DistilledTestAuc} AUC");
        Assert.True(result.DistilledLatencyBatch64Ms * 2 <= result.Fp32LatencyBatch64Ms,
            $"student {result.DistilledLatencyBatch64Ms} ms against the blend's {result.Fp32LatencyBatch64Ms} ms at batch 64");
        Assert.Equal("distilled", result.PromotedVariant);
        Assert.Equal(Predictions, result.BilledPredictions);

        // The invoice line points to the deployment and the promoted version, priced per 1,000.
        var invoice = await client.InvoicePreviewAsync(result.TenantId, CancellationToken.None);
        var line = Assert.Single(invoice["lines"]!.AsArray())!;
        Assert.Equal(result.Deployment, line["deploymentName"]!.GetValue<string>());
        Assert.Equal(result.ModelVersion, line["modelVersionId"]!.GetValue<Guid>().ToString());
        Assert.Equal(Predictions, line["predictions"]!.GetValue<long>());
        var expected = Math.Round(Predictions * line["unitPricePer1000"]!.GetValue<decimal>() / 1000m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, result.InvoiceTotal);

        // Lineage: promoted student ← fp32 (its teacher) ← the uploaded dataset version, whose trace is the upload's.
        var lineage = await GetAsync(ResourceNames.Registry, $"/api/model-versions/{result.ModelVersion}/lineage", result.TenantId);
        Assert.Equal("fp32", Assert.Single(lineage["ancestors"]!.AsArray())!["technique"]!.GetValue<string>());
        Assert.Equal(result.DatasetVersion, lineage["dataset"]!["datasetVersionId"]!.GetValue<Guid>().ToString());
        Assert.Equal(result.TraceId, lineage["dataset"]!["traceId"]!.GetValue<string>());
        Assert.Equal("Promoted", lineage["run"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_served_prediction_needs_the_deployments_key_and_answers_with_label_probabilities_and_version()
    {
        var tenant = await platform.RegisterTenantAsync();
        var created = await PostAsync(ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "diabetes", solution = "healthcare-diabetes-risk", dataset = "diabetes" });
        var apiKey = created["apiKey"]!.GetValue<string>();
        Assert.StartsWith("pk_", apiKey);

        var upload = await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var champion = await Eventually.ValueAsync(async () =>
        {
            var serving = await GetAsync(ResourceNames.Inference, "/api/serving", tenant);
            return serving.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == "diabetes" && d["loaded"]!.GetValue<bool>());
        }, d => d is not null, "the diabetes model to be promoted and loaded", TimeSpan.FromMinutes(4));

        var body = new { instances = new object[]
        {
            new { pregnant = 6, glucose = 148, pressure = 72, triceps = 35, insulin = (double?)null, mass = 33.6, pedigree = 0.627, age = 50 },
            new { pregnant = 1, glucose = 85, pressure = 66, triceps = 29, mass = 26.6, pedigree = 0.351, age = 31 },
        } };
        var wrongKey = await PredictAsync("diabetes", ApiKeys.Create(), body);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        var noKey = await PredictAsync("diabetes", null, body);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);

        var response = await PredictAsync("diabetes", apiKey, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(champion!["modelVersionId"]!.GetValue<Guid>(), answer["modelVersionId"]!.GetValue<Guid>());
        var predictions = answer["predictions"]!.AsArray();
        Assert.Equal(2, predictions.Count);
        foreach (var p in predictions)
        {
            var probabilities = p!["probabilities"]!.AsObject();
            Assert.Equal(["neg", "pos"], probabilities.Select(kv => kv.Key).Order());
            Assert.Equal(1.0, probabilities.Sum(kv => kv.Value!.GetValue<double>()), 4);
            Assert.Contains(p["label"]!.GetValue<string>(), new[] { "neg", "pos" });
        }
        // The clearly diabetic first patient scores higher than the second.
        Assert.True(predictions[0]!["probabilities"]!["pos"]!.GetValue<double>() > predictions[1]!["probabilities"]!["pos"]!.GetValue<double>());

        var badValue = await PredictAsync("diabetes", apiKey, new { instances = new object[] { new { glucose = "high" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        var problem = JsonNode.Parse(await badValue.Content.ReadAsStringAsync())!;
        Assert.Equal("glucose", problem["field"]!.GetValue<string>());
        Assert.Equal(0, problem["row"]!.GetValue<int>());

        // explain=true: each instance's top inputs by what they added to its log-odds of "pos" (ADR 23).
        var served = (await GetAsync(ResourceNames.Registry, "/api/deployments/diabetes", tenant))["champion"]!;
        var family = served["family"]!.GetValue<string>();
        // A float network is explained by DeepLIFT from its weights, a blend from its members; int8 weights are sampled (ADR 23).
        var network = family == "mlp" && served["technique"]!.GetValue<string>() != "int8";
        var explained = await PredictAsync("diabetes", apiKey, body, "?explain=true&top=3");
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);
        var reasons = JsonNode.Parse(await explained.Content.ReadAsStringAsync())!["predictions"]!.AsArray();
        foreach (var p in reasons)
        {
            var e = p!["explanation"]!;
            Assert.Equal("pos", e["class"]!.GetValue<string>());
            Assert.Equal(family switch { "logistic-regression" => "exact", "boosted-trees" => "tree-shap", "blend" => "tree-shap+deeplift", _ when network => "deeplift", _ => "sampled-shapley" }, e["method"]!.GetValue<string>());
            var contributions = e["contributions"]!.AsArray();
            Assert.Equal(3, contributions.Count);
            var sum = e["baseLogOdds"]!.GetValue<double>() + contributions.Sum(c => c!["contribution"]!.GetValue<double>()) + e["other"]!.GetValue<double>();
            Assert.Equal(e["logOdds"]!.GetValue<double>(), sum, 6);
            var pos = p["probabilities"]!["pos"]!.GetValue<double>();
            Assert.Equal(Math.Log(pos / (1 - pos)), e["logOdds"]!.GetValue<double>(), 3);
        }
        // The first patient's high glucose (148) is among what raises her score.
        var glucose = reasons[0]!["explanation"]!["contributions"]!.AsArray().FirstOrDefault(c => c!["feature"]!.GetValue<string>() == "glucose");
        Assert.True(glucose?["contribution"]!.GetValue<double>() > 0, reasons[0]!["explanation"]!.ToJsonString());
        Assert.Null(JsonNode.Parse(await (await PredictAsync("diabetes", apiKey, body)).Content.ReadAsStringAsync())!["predictions"]![0]!["explanation"]);

        var tooMany = await PredictAsync("diabetes", apiKey, new { instances = Enumerable.Repeat(body.instances[1], 101).ToArray() }, "?explain=true");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var limit = JsonNode.Parse(await tooMany.Content.ReadAsStringAsync())!;
        Assert.Equal("instances", limit["field"]!.GetValue<string>());
        Assert.Equal("maxExplainedInstances", limit["limit"]!["name"]!.GetValue<string>());
        Assert.Equal(100, limit["limit"]!["value"]!.GetValue<long>());
        var noTop = await PredictAsync("diabetes", apiKey, body, "?explain=true&top=0");
        Assert.Equal("top", JsonNode.Parse(await noTop.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());

        // Refused requests bill nothing: two plain, two explained, two plain again.
        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 6, "billing to apply exactly the six served predictions");
    }

    private async Task<HttpResponseMessage> PredictAsync(string deployment, string? apiKey, object body, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{deployment}/predict{query}") { Content = JsonContent.Create(body) };
        if (apiKey is not null) request.Headers.Add(ApiKeys.Header, apiKey);
        return await platform.Client(ResourceNames.Inference).SendAsync(request);
    }

    private async Task<JsonNode> GetAsync(string service, string path, Guid tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(service).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {service}{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> PostAsync(string service, string path, Guid tenant, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(service).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {service}{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
