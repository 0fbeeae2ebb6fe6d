using Platform.Contracts;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Training;
using Platform.Portal.Components.Shared;
using static Platform.Portal.Tests.ComponentHtml;

namespace Platform.Portal.Tests;

/// <summary>
/// A regression deployment's views: the registry's historically named AUC fields carry R² for it
/// (ADR 31), so every caption of them says R², and its errors stand where classes' accuracy would.
/// </summary>
public sealed class RegressionViewsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly ModelSpec Spec = new("Price", null, "regression", null, 42);

    private static ModelVersionResponse Version(string technique, Guid? parent, double r2, CompressionReportResponse? compression = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), parent is null ? 1 : 2, technique, parent is null ? "Production" : "Candidate", parent, Guid.NewGuid(), Guid.NewGuid(),
            Spec, new ArtifactReference("file:///m.onnx", new string('c', 64), 60_000),
            new Dictionary<string, double> { ["r2"] = r2, ["rmse"] = 23_456.789, ["mae"] = 15_120.4 }, r2, compression, Start, Start, new Dictionary<string, double>(), null);

    [Fact]
    public async Task The_compression_menu_compares_r2_and_shows_the_errors_in_the_targets_units()
    {
        var trained = Version("fp32", null, 0.8123);
        var distilled = Version("distilled", trained.Id, 0.8071, new CompressionReportResponse(0.12, -0.0052, 0.01, 0.03, 0.02, 0.06));

        var html = await RenderAsync<ModelComparison>(new() { [nameof(ModelComparison.Versions)] = new[] { trained, distilled }, [nameof(ModelComparison.ChampionId)] = trained.Id });

        Assert.Contains("<th>test R²</th>", html);
        Assert.Contains("<th>RMSE</th>", html);
        Assert.Contains("<th>MAE</th>", html);
        Assert.DoesNotContain("ROC-AUC", html);
        Assert.DoesNotContain("<th>accuracy</th>", html);
        Assert.Contains("0.8071 (-0.0052)", html);
        Assert.Equal(2, Count(html, "data-metric=\"rmse\">23,457<"));
        Assert.Equal(2, Count(html, "data-metric=\"mae\">15,120<"));
    }

    [Fact]
    public async Task The_leaderboard_of_a_regression_names_its_columns_r2()
    {
        CandidateScore[] candidates = [new("boosted-trees", 0.81, 0.80, 70_600, 1.2, true, 0.79), new("mlp", 0.74, 0.75, 168_863, 1.6, false, 0.73)];

        var html = await RenderAsync<FamilyLeaderboard>(new() { [nameof(FamilyLeaderboard.Candidates)] = candidates, [nameof(FamilyLeaderboard.ModelTask)] = "regression" });

        Assert.Contains("<th>cross-validation R²</th><th>validation R²</th><th>test R²</th>", html);
        Assert.DoesNotContain("ROC-AUC", html);
    }

    [Fact]
    public async Task The_retraining_history_of_a_regression_compares_champion_and_challenger_r2()
    {
        var episode = new RetrainingEpisodeResponse(Guid.NewGuid(), "drift", null, "Promoted", null, null, 300, null, null, null, 0.71, 0.78,
            new Dictionary<string, double>(), new Dictionary<string, double>(), "Promoted", "the challenger's R² is higher by 0.07", null, Start, null, Start, null, null, 12);

        var html = await RenderAsync<RetrainingHistory>(new() { [nameof(RetrainingHistory.Episodes)] = new[] { episode }, [nameof(RetrainingHistory.ModelTask)] = "regression" });

        Assert.Contains("Champion R²", html);
        Assert.Contains("Challenger R²", html);
        Assert.DoesNotContain("AUC", html);
        Assert.Contains("0.7800", html);
    }

    [Fact]
    public async Task The_lineage_of_a_regression_model_shows_its_r2()
    {
        var trained = Version("fp32", null, 0.8123);

        var html = await RenderAsync<LineageView>(new() { [nameof(LineageView.Lineage)] = new LineageResponse(trained, [], null, null) });

        Assert.Contains("R² 0.8123", html);
        Assert.DoesNotContain("ROC-AUC", html);
    }

    [Fact]
    public async Task The_epoch_chart_of_a_regression_names_its_validation_metric_r2()
    {
        RunEpochResponse[] epochs = [new(1, 0.9, 0.95, 0.41, Start), new(2, 0.5, 0.55, 0.72, Start)];

        var html = await RenderAsync<EpochChart>(new() { [nameof(EpochChart.Epochs)] = epochs, [nameof(EpochChart.ModelTask)] = "regression" });

        Assert.Contains("validation R² 0.720", html);
        Assert.DoesNotContain("ROC-AUC", html);
    }

    [Fact]
    public async Task A_regression_answer_shows_the_predicted_value_of_the_target_and_no_probabilities()
    {
        var answer = new PredictResponse("houses", Guid.NewGuid(), [new PredictionResponse("234567.891", new Dictionary<string, double>(), Guid.NewGuid(), Value: 234_567.891)]);

        var html = await RenderAsync<PredictionView>(new() { [nameof(PredictionView.Answer)] = answer, [nameof(PredictionView.Target)] = "Price" });

        Assert.Contains("Predicted <b>Price</b>: <b>234,568</b>", html);
        Assert.Contains("data-predicted-value=\"234567.891\"", html);
        Assert.DoesNotContain("data-probability", html);
    }

    [Fact]
    public async Task A_class_answer_still_shows_every_classs_probability()
    {
        var answer = new PredictResponse("credit", Guid.NewGuid(),
            [new PredictionResponse("bad", new Dictionary<string, double> { ["good"] = 0.3, ["bad"] = 0.7 }, Guid.NewGuid())]);

        var html = await RenderAsync<PredictionView>(new() { [nameof(PredictionView.Answer)] = answer, [nameof(PredictionView.Target)] = "Status" });

        Assert.Contains("Predicted <b>bad</b>", html);
        Assert.Equal(2, Count(html, "data-probability="));
        Assert.DoesNotContain("data-predicted-value", html);
    }

    [Fact]
    public async Task A_regression_explanation_is_in_the_targets_units_not_log_odds()
    {
        var explanation = new ExplanationResponse("Price", 180_000, 234_567.891,
            [new FeatureContribution("Area", 61_234.5), new FeatureContribution("Age", -9_876.2)], 3_209.6, "tree-shap", 0);
        var answer = new PredictResponse("houses", Guid.NewGuid(), [new PredictionResponse("234567.891", new Dictionary<string, double>(), Guid.NewGuid(), explanation, 234_567.891)]);

        var html = await RenderAsync<PredictionView>(new() { [nameof(PredictionView.Answer)] = answer, [nameof(PredictionView.Target)] = "Price" });

        Assert.Contains("data-explanation-units=\"target\"", html);
        Assert.Contains("Why: Price, from 180,000 with every input unknown to 234,568, in Price units", html);
        Assert.DoesNotContain("log-odds", html);
        Assert.Contains("+61,235", html);
        Assert.Contains("-9,876", html);
        Assert.Contains("+3,210", html);
        Assert.Equal(1, Count(html, "mud-progress-linear-color-error"));
    }

    [Fact]
    public async Task Live_quality_of_a_regression_says_it_is_not_measured_beside_the_test_figures()
    {
        var champion = Version("fp32", null, 0.8123);

        var html = await RenderAsync<LiveQualityView>(new()
        {
            [nameof(LiveQualityView.Quality)] = new LiveQualityResponse(champion.Id, 0, 0, null, null, null),
            [nameof(LiveQualityView.Champion)] = champion,
        });

        Assert.Contains("data-live-quality=\"not-measured\"", html);
        Assert.DoesNotContain("data-labelled-rows=\"0\"", html);
        Assert.Matches(@"<td>R²</td>\s*<td data-live=""rocAuc"">not measured for regression</td>\s*<td data-champion=""testAuc"">0.8123</td>", html);
        Assert.Contains("data-live=\"rmse\">not measured for regression<", html);
        Assert.Contains("data-champion=\"rmse\">23,457<", html);
        Assert.Contains("data-champion=\"mae\">15,120<", html);
        Assert.DoesNotContain("accuracy", html);
        Assert.DoesNotContain("ROC-AUC", html);
    }

    [Fact]
    public async Task Live_quality_of_a_regression_shows_its_r2_once_measured()
    {
        var champion = Version("fp32", null, 0.8123);

        var html = await RenderAsync<LiveQualityView>(new()
        {
            [nameof(LiveQualityView.Quality)] = new LiveQualityResponse(champion.Id, 600, 500, 0.7623, null, Start),
            [nameof(LiveQualityView.Champion)] = champion,
        });

        Assert.DoesNotContain("data-live-quality=\"not-measured\"", html);
        Assert.Contains("data-live=\"rocAuc\">0.7623 (−0.0500)<", html);
    }

    [Fact]
    public async Task The_importance_of_a_regression_models_inputs_is_in_r2_points()
    {
        var html = await RenderAsync<ImportanceChart>(new()
        {
            [nameof(ImportanceChart.Importance)] = new Dictionary<string, double> { ["Area"] = 0.31, ["Age"] = 0.04 },
            [nameof(ImportanceChart.ModelTask)] = "regression",
        });

        Assert.Contains("R² points lost on the test rows when the input is shuffled", html);
        Assert.DoesNotContain("ROC-AUC", html);
    }
}
