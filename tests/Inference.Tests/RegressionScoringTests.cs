using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Serving;
using Platform.Inference.Tests.Onnx;

namespace Platform.Inference.Tests;

/// <summary>
/// A regression file (ADR 31) read and scored by serving: its signature, each instance's value
/// (hand-computed from the graph), and the files serving refuses at load with the reason.
/// </summary>
public sealed class RegressionScoringTests
{
    private static OnnxScoringModel Load(byte[] file) => OnnxScoringModel.Load(file, bytes => new InferenceSession(bytes));

    private static FeatureBatch Houses(float[] rooms, float[] area, string[] city) =>
        new(rooms.Length, [new NumericColumn("rooms", rooms), new NumericColumn("area", area), new CategoricalColumn("city", city)]);

    [Fact]
    public void A_regression_files_signature_has_its_inputs_target_and_family_and_no_classes()
    {
        using var model = Load(RegressionTestModel.Linear());

        Assert.True(model.Signature.IsRegression);
        Assert.Empty(model.Signature.Classes);
        Assert.Null(model.Signature.BinaryPositiveClass);
        Assert.Equal(("price", "linear-regression"), (model.Signature.Target, model.Signature.Family));
        Assert.Equal(
            [new ModelInput("area", FeatureKind.Numeric), new ModelInput("city", FeatureKind.Categorical), new ModelInput("rooms", FeatureKind.Numeric)],
            model.Signature.Inputs.OrderBy(i => i.Name));
    }

    [Fact]
    public void Scoring_returns_each_instances_value_as_its_number_and_its_invariant_text_with_no_probabilities()
    {
        using var model = Load(RegressionTestModel.Linear());
        float[] rooms = [4f, float.NaN, 2.5f, 1.1f];
        float[] area = [120f, 80.5f, float.NaN, 0.3f];
        string[] city = ["north", "", "south", "north"];

        var predictions = model.Score(Houses(rooms, area, city));

        // 10 × 4 + 2 × 120 + 25 + 50; 10 × 3 (missing) + 2 × 80.5 + 50; 10 × 2.5 + 2 × 100 (missing) + 50.
        Assert.Equal([355.0, 241.0, 275.0], predictions.Take(3).Select(p => p.Value!.Value));
        Assert.Equal(["355", "241", "275"], predictions.Take(3).Select(p => p.Label));
        for (var i = 0; i < predictions.Count; i++)
        {
            Assert.Equal(RegressionTestModel.LinearValue(rooms[i], area[i], city[i]), predictions[i].Value!.Value, 4);
            Assert.Empty(predictions[i].Probabilities);
            // The label is the number's text, and the number is the file's float, shortest-printed.
            Assert.Equal(predictions[i].Value!.Value, double.Parse(predictions[i].Label, CultureInfo.InvariantCulture));
            Assert.Equal(((float)predictions[i].Value!.Value).ToString("R", CultureInfo.InvariantCulture), predictions[i].Label);
        }
        // 11 + 0.6 + 25 + 50 in float: printed as the float's shortest text, not as its double expansion.
        Assert.True(predictions[3].Label.Length <= 9, predictions[3].Label);
    }

    [Fact]
    public async Task Concurrent_regression_requests_share_a_run_and_each_gets_its_own_values()
    {
        using var model = Load(RegressionTestModel.Linear());
        var batcher = new ModelBatcher(model);
        // A short delay lets both requests queue before the run is taken.
        var settings = new Extensions.DeploymentBatching { MaxBatchRows = 256, MaxDelay = TimeSpan.FromMilliseconds(50) };

        var first = batcher.ScoreAsync(Houses([1f], [10f], ["north"]), settings);
        var second = batcher.ScoreAsync(Houses([2f, 3f], [20f, 30f], ["", "north"]), settings);
        var answers = await Task.WhenAll(first, second);

        Assert.Equal([105.0], answers[0].Select(p => p.Value!.Value));       // 10 + 20 + 25 + 50
        Assert.Equal([110.0, 165.0], answers[1].Select(p => p.Value!.Value)); // 20 + 40 + 50; 30 + 60 + 25 + 50
        Assert.Equal(1, batcher.SharedRuns);
    }

    [Fact]
    public void A_file_that_says_regression_without_a_value_output_is_refused_with_the_reason()
    {
        var refused = Assert.Throws<InvalidModelException>(() => Load(RegressionTestModel.Linear(output: "score")));
        Assert.Equal("The model cannot be served: the metadata says task 'regression' but the graph has no 'value' output.", refused.Message);
    }

    [Fact]
    public void A_file_without_a_task_is_a_classifier_and_one_with_only_a_value_output_is_refused_for_its_label()
    {
        var refused = Assert.Throws<InvalidModelException>(() => Load(RegressionTestModel.Linear(task: null)));
        Assert.Equal("The model cannot be served: the graph has no 'label' output.", refused.Message);
    }

    [Fact]
    public void A_file_of_a_task_serving_does_not_know_is_refused_naming_the_tasks_it_does()
    {
        var refused = Assert.Throws<InvalidModelException>(() => Load(RegressionTestModel.Linear(task: "forecasting")));
        Assert.Equal(
            "The model cannot be served: the metadata's task 'forecasting' is not one served (one of binary-classification, multiclass-classification, regression).",
            refused.Message);
    }

    [Fact]
    public void A_classifier_file_loads_and_scores_as_before()
    {
        using var model = Load(TestModel.Build());

        Assert.False(model.Signature.IsRegression);
        var prediction = Assert.Single(model.Score(new FeatureBatch(1, [new NumericColumn("age", [30f]), new CategoricalColumn("region", ["north"])])));
        Assert.Null(prediction.Value);
        Assert.Equal(TestModel.ProbabilityOfGood(0.1f, 30f, "north"), prediction.Probabilities["good"], 5);
    }
}
