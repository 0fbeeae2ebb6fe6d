using System.Globalization;
using System.Net;
using Platform.Contracts;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// A deployment that declares the regression task (issue 14, item 5; ADR 31) through the public
/// API: the finance sample's loan <c>Amount</c> learned by every family, the champion chosen on
/// out-of-fold R², compressed within the budget in R², served as one value per instance,
/// explained in the target's units and billed.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RegressionDeploymentTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_regression_deployment_serves_a_value_explains_it_in_the_targets_units_and_is_chosen_by_r2()
    {
        var tenant = await platform.RegisterTenantAsync();
        var positive = await platform.SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "amounts", solution = "finance-credit-risk", dataset = "amounts", targetColumn = "Amount", positiveClass = "800", task = "regression" });
        await PlatformApi.AssertProblemAsync(positive, "positiveClass", "a regression deployment learns the target's numbers and has no positive class");

        var created = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "amounts", solution = "finance-credit-risk", dataset = "amounts", targetColumn = "Amount", task = "regression" }));
        var apiKey = created["apiKey"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "amounts", "finance-credit.csv")).StatusCode);

        await Eventually.ValueAsync(async () =>
        {
            var serving = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Inference, "/api/serving", tenant));
            return serving.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == "amounts" && d["loaded"]!.GetValue<bool>());
        }, d => d is not null, "the regression model to be promoted and loaded", TimeSpan.FromMinutes(4));

        var detail = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Registry, "/api/deployments/amounts", tenant));
        output.WriteLine(detail.ToJsonString());
        Assert.Equal("regression", detail["spec"]!["task"]!.GetValue<string>());
        Assert.Null(detail["spec"]!["positiveClass"]);
        var champion = detail["champion"]!;
        var metrics = champion["metrics"]!.AsObject();
        // R² of the promoted model on the test rows; the train mean scores 0 (ADR 31 gives the families' figures).
        Assert.True(metrics["r2"]!.GetValue<double>() > 0.6, metrics.ToJsonString());
        Assert.True(metrics["rmse"]!.GetValue<double>() is > 0 and < 400, metrics.ToJsonString());
        Assert.True(metrics.ContainsKey("mae"), metrics.ToJsonString());
        Assert.False(metrics.ContainsKey("rocAuc"), "a regression has no ROC-AUC");
        Assert.Equal(metrics["r2"]!.GetValue<double>(), champion["testAuc"]!.GetValue<double>(), 12);

        var trained = champion["technique"]!.GetValue<string>() == "fp32" ? champion
            : await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/model-versions/{champion["parentVersionId"]!.GetValue<Guid>()}", tenant));
        var candidates = trained["candidates"]!.AsArray();
        Assert.Equal(["linear-regression", "boosted-trees", "mlp", "blend"], candidates.Select(c => c!["family"]!.GetValue<string>()));
        var chosen = Assert.Single(candidates, c => c!["chosen"]!.GetValue<bool>())!;
        Assert.Equal(candidates.Max(c => c!["crossValidationAuc"]!.GetValue<double>()), chosen["crossValidationAuc"]!.GetValue<double>());

        // Dictionaries keep the columns' case: an anonymous object would go out camel-cased, and the
        // model would read every input as missing.
        var body = new { instances = new object[]
        {
            new Dictionary<string, object> { ["Status"] = "good", ["Seniority"] = 9, ["Home"] = "rent", ["Time"] = 60, ["Age"] = 30, ["Marital"] = "married", ["Records"] = "no", ["Job"] = "freelance", ["Expenses"] = 73, ["Income"] = 129, ["Assets"] = 0, ["Debt"] = 0, ["Price"] = 846 },
            new Dictionary<string, object> { ["Status"] = "good", ["Seniority"] = 10, ["Home"] = "owner", ["Time"] = 60, ["Age"] = 45, ["Marital"] = "married", ["Records"] = "no", ["Job"] = "fixed", ["Expenses"] = 60, ["Income"] = 200, ["Assets"] = 5000, ["Debt"] = 0, ["Price"] = 3000 },
        } };
        var answer = await PlatformApi.ReadJsonAsync(await platform.PostWithKeyAsync(apiKey, "/api/deployments/amounts/predict?explain=true&top=3", body));
        output.WriteLine(answer.ToJsonString());
        var served = answer["predictions"]!.AsArray();
        var values = served.Select(p => p!["value"]!.GetValue<double>()).ToArray();
        foreach (var p in served)
        {
            var value = p!["value"]!.GetValue<double>();
            Assert.Empty(p["probabilities"]!.AsObject());
            Assert.Equal(value, double.Parse(p["label"]!.GetValue<string>(), CultureInfo.InvariantCulture), 3);
            // The explanation is of the value, in the target's units, and sums to it.
            var e = p["explanation"]!;
            Assert.Equal("Amount", e["class"]!.GetValue<string>());
            Assert.Equal(value, e["logOdds"]!.GetValue<double>(), 3);
            var sum = e["baseLogOdds"]!.GetValue<double>() + e["contributions"]!.AsArray().Sum(c => c!["contribution"]!.GetValue<double>()) + e["other"]!.GetValue<double>();
            Assert.Equal(value, sum, 2);
        }
        // Goods of 846 and 3,000: a loan near the first's price, and a much larger one for the second.
        Assert.InRange(values[0], 300, 1500);
        Assert.True(values[1] > values[0] + 500, $"{values[1]} for goods of 3,000 against {values[0]} for goods of 846");
        Assert.Equal("Price", served[1]!["explanation"]!["contributions"]!.AsArray()[0]!["feature"]!.GetValue<string>());

        // Ground truth is a number: a word is refused by item, numbers measure live R² and RMSE.
        var ids = served.Select(p => p!["predictionId"]!.GetValue<Guid>()).ToArray();
        var word = await platform.PostWithKeyAsync(apiKey, "/api/deployments/amounts/feedback", new object[] { new { predictionId = ids[0], label = "large" } });
        Assert.Equal(HttpStatusCode.BadRequest, word.StatusCode);
        Assert.Contains("'large' is not a number; this model predicts 'Amount', a number", await word.Content.ReadAsStringAsync());
        double[] truth = [800, 2500];
        var feedback = await PlatformApi.ReadJsonAsync(await platform.PostWithKeyAsync(apiKey, "/api/deployments/amounts/feedback", new object[]
        {
            new { predictionId = ids[0], label = truth[0] },
            new { predictionId = ids[1], label = truth[1].ToString(CultureInfo.InvariantCulture) },
        }));
        output.WriteLine(feedback.ToJsonString());
        var rmse = Math.Sqrt(values.Zip(truth, (v, t) => (v - t) * (v - t)).Average());
        Assert.Equal(rmse, feedback["rmse"]!.GetValue<double>(), 2);
        var mean = truth.Average();
        Assert.Equal(1 - values.Zip(truth, (v, t) => (v - t) * (v - t)).Sum() / truth.Sum(t => (t - mean) * (t - mean)), feedback["r2"]!.GetValue<double>(), 4);
        Assert.Null(feedback["accuracy"]);

        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 2, "billing to apply the two served predictions");
    }
}
