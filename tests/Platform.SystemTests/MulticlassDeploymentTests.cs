using System.Net;
using Platform.Contracts;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// A deployment that declares the multiclass task (issue 14, item 5) through the public API: the
/// finance sample's <c>Job</c> (fixed, freelance, others, partime) learned by every family, the
/// champion chosen on validation macro ROC-AUC, compressed, served with every class's probability,
/// explained for the predicted class, and measured by accuracy from ground truth.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MulticlassDeploymentTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly string[] Jobs = ["fixed", "freelance", "others", "partime"];

    [Fact]
    public async Task A_multiclass_deployment_serves_every_classs_probability_explains_the_predicted_class_and_measures_accuracy()
    {
        var tenant = await platform.RegisterTenantAsync();
        var positive = await platform.SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "jobs", solution = "finance-credit-risk", dataset = "jobs", targetColumn = "Job", positiveClass = "fixed", task = "multiclass-classification" });
        await PlatformApi.AssertProblemAsync(positive, "positiveClass", "has no positive class");
        var unknown = await platform.SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "jobs", solution = "finance-credit-risk", dataset = "jobs", targetColumn = "Job", task = "ranking" });
        await PlatformApi.AssertProblemAsync(unknown, "task", "binary-classification, multiclass-classification");

        var created = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "jobs", solution = "finance-credit-risk", dataset = "jobs", targetColumn = "Job", task = "multiclass-classification" }));
        var apiKey = created["apiKey"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "jobs", "finance-credit.csv")).StatusCode);

        await Eventually.ValueAsync(async () =>
        {
            var serving = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Inference, "/api/serving", tenant));
            return serving.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == "jobs" && d["loaded"]!.GetValue<bool>());
        }, d => d is not null, "the multiclass model to be promoted and loaded", TimeSpan.FromMinutes(4));

        var detail = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Registry, "/api/deployments/jobs", tenant));
        output.WriteLine(detail.ToJsonString());
        Assert.Equal("multiclass-classification", detail["spec"]!["task"]!.GetValue<string>());
        Assert.Null(detail["spec"]!["positiveClass"]);
        var champion = detail["champion"]!;
        // Macro ROC-AUC of the promoted variant on the test rows; 0.5 knows nothing (ADR 25 gives the families' figures).
        Assert.True(champion["metrics"]!["rocAuc"]!.GetValue<double>() > 0.75, champion["metrics"]!.ToJsonString());
        // The leaderboard is the trained (fp32) version's; a compressed champion names it as parent.
        var trained = champion["technique"]!.GetValue<string>() == "fp32" ? champion
            : await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/model-versions/{champion["parentVersionId"]!.GetValue<Guid>()}", tenant));
        var candidates = trained["candidates"]!.AsArray();
        // Three families and the blend of the trees and the MLP, chosen out of fold (3,786 train + validation rows; ADR 22).
        Assert.Equal(4, candidates.Count);
        var chosen = Assert.Single(candidates, c => c!["chosen"]!.GetValue<bool>())!;
        Assert.Equal(candidates.Max(c => c!["crossValidationAuc"]!.GetValue<double>()), chosen["crossValidationAuc"]!.GetValue<double>());
        Assert.Equal(chosen["family"]!.GetValue<string>(), trained["family"]!.GetValue<string>());

        // Dictionaries keep the columns' case: an anonymous object would go out camel-cased, and the
        // model would read every input as missing.
        var body = new { instances = new object[]
        {
            new Dictionary<string, object> { ["Status"] = "good", ["Seniority"] = 9, ["Home"] = "rent", ["Time"] = 60, ["Age"] = 30, ["Marital"] = "married", ["Records"] = "no", ["Expenses"] = 73, ["Income"] = 129, ["Assets"] = 0, ["Debt"] = 0, ["Amount"] = 800, ["Price"] = 846 },
            new Dictionary<string, object> { ["Status"] = "good", ["Seniority"] = 0, ["Home"] = "parents", ["Time"] = 36, ["Age"] = 20, ["Marital"] = "single", ["Records"] = "no", ["Expenses"] = 35, ["Assets"] = 0, ["Debt"] = 0, ["Amount"] = 400, ["Price"] = 500 },
        } };
        var answer = await PlatformApi.ReadJsonAsync(await platform.PostWithKeyAsync(apiKey, "/api/deployments/jobs/predict?explain=true&top=3", body));
        foreach (var p in answer["predictions"]!.AsArray())
        {
            var probabilities = p!["probabilities"]!.AsObject();
            Assert.Equal(Jobs, probabilities.Select(kv => kv.Key).Order());
            Assert.Equal(1.0, probabilities.Sum(kv => kv.Value!.GetValue<double>()), 4);
            var label = p["label"]!.GetValue<string>();
            Assert.Equal(probabilities.MaxBy(kv => kv.Value!.GetValue<double>()).Key, label);

            // The explanation is of the predicted class's log-odds against the rest, and sums to it.
            var e = p["explanation"]!;
            Assert.Equal(label, e["class"]!.GetValue<string>());
            var sum = e["baseLogOdds"]!.GetValue<double>() + e["contributions"]!.AsArray().Sum(c => c!["contribution"]!.GetValue<double>()) + e["other"]!.GetValue<double>();
            Assert.Equal(e["logOdds"]!.GetValue<double>(), sum, 6);
            var q = probabilities[label]!.GetValue<double>();
            Assert.Equal(Math.Log(q / (1 - q)), e["logOdds"]!.GetValue<double>(), 3);
        }

        // The two applicants differ, and so do their probabilities: the inputs were read.
        Assert.NotEqual(
            answer["predictions"]![0]!["probabilities"]!.ToJsonString(), answer["predictions"]![1]!["probabilities"]!.ToJsonString());

        // Ground truth: the first is labelled as predicted, the second as another class; live
        // quality is accuracy (1 of 2), and no ROC-AUC, which would need every class's probability.
        var served = answer["predictions"]!.AsArray();
        var other = Jobs.First(j => j != served[1]!["label"]!.GetValue<string>());
        var feedback = await PlatformApi.ReadJsonAsync(await platform.PostWithKeyAsync(apiKey, "/api/deployments/jobs/feedback", new object[]
        {
            new { predictionId = served[0]!["predictionId"]!.GetValue<Guid>(), label = served[0]!["label"]!.GetValue<string>() },
            new { predictionId = served[1]!["predictionId"]!.GetValue<Guid>(), label = other },
        }));
        Assert.Equal(0.5, feedback["accuracy"]!.GetValue<double>(), 12);
        Assert.Null(feedback["rocAuc"]);

        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 2, "billing to apply the two served predictions");
    }
}
