using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Registry;
using Platform.Inference.Apis;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.Inference.Tests.Onnx;

namespace Platform.Inference.Tests;

/// <summary>
/// What the endpoints answer for a regression model (ADR 31), up to the database: the Open Inference
/// Protocol's metadata and output tensors, the row kept for feedback, feedback's refusals of labels
/// that are not numbers (before anything is looked up, so no database is needed), and live quality.
/// </summary>
public sealed class RegressionApiTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DeploymentKey Prices = new(Tenant, "prices");
    private readonly DeploymentCredentials _credentials = KeyFixtures.Credentials(Tenant, "prices", ApiKeys.Create(), model: Guid.NewGuid());
    private readonly ModelHost _host = new();
    private readonly OnnxScoringModel _model = OnnxScoringModel.Load(RegressionTestModel.Linear(), bytes => new InferenceSession(bytes));

    public RegressionApiTests() => _host.Activate(new LoadedModel(Prices, _credentials.ModelVersionId!.Value, 1, _model));

    public void Dispose() => _host.Dispose();

    private DeploymentCaller Caller => new(_credentials, _credentials.Keys[0].Id);

    [Fact]
    public async Task The_oip_metadata_of_a_regression_model_lists_its_value_fp32_n_by_1_and_the_prediction_id()
    {
        var result = await OpenInferenceApi.ModelMetadata("prices", null, Caller, KeyFixtures.PromotedOnly(_host), CancellationToken.None);

        var metadata = Assert.IsType<Ok<InferenceModelMetadata>>(result.Result).Value!;
        Assert.Equal(
            [("value", "FP32", "-1,1"), ("prediction_id", "BYTES", "-1")],
            metadata.Outputs.Select(o => (o.Name, o.Datatype, string.Join(",", o.Shape))));
        Assert.Equal(
            [("area", "FP32"), ("city", "BYTES"), ("rooms", "FP32")],
            metadata.Inputs.Select(i => (i.Name, i.Datatype)).OrderBy(i => i.Name));
    }

    [Fact]
    public void Oip_infer_answers_a_regression_models_values_as_an_fp32_tensor_of_n_by_1()
    {
        var predictions = Answered([4f, 1.1f], [120f, 0.3f], ["north", "north"]);

        var outputs = OpenInferenceApi.Answer(_model.Signature, predictions, wanted: null);

        Assert.Equal(["value", "prediction_id"], outputs.Select(o => o.Name));
        var value = outputs[0];
        Assert.Equal(("FP32", "2,1"), (value.Datatype, string.Join(",", value.Shape)));
        var data = Assert.IsType<float[]>(value.Data);
        Assert.Equal(355f, data[0]);
        // The tensor holds the file's own float, not a rounding of it.
        Assert.Equal((float)RegressionTestModel.LinearValue(1.1f, 0.3f, "north"), data[1], 4);
        Assert.Equal((float)predictions[1].Value!.Value, data[1]);
        Assert.Equal("[355,86.6]", JsonSerializer.Serialize(data));
        // Asked for the id alone, the value is left out.
        Assert.Equal(["prediction_id"], OpenInferenceApi.Answer(_model.Signature, predictions, new HashSet<string> { "prediction_id" }).Select(o => o.Name));
    }

    [Fact]
    public void A_regression_prediction_is_answered_with_its_value_and_kept_with_the_value_as_its_number()
    {
        var prediction = Answered([4f], [120f], ["north"])[0];

        Assert.Equal((355.0, "355"), (prediction.Value, prediction.Label));
        Assert.Empty(prediction.Probabilities);
        var json = JsonSerializer.Serialize(prediction, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Contains("\"value\":355", json);

        var kept = PredictionServices.Kept(_credentials, Guid.NewGuid(), prediction, "{}", positiveClass: null, DateTimeOffset.UnixEpoch);
        Assert.Equal((355.0, "355"), (kept.PositiveProbability, kept.PredictedLabel));
    }

    [Theory]
    [InlineData("\"abc\"", "'abc' is not a number; this model predicts 'price', a number")]
    [InlineData("true", "must be the true value of 'price', a number or a numeric string")]
    [InlineData("null", "must be the true value of 'price', a number or a numeric string")]
    [InlineData("\"NaN\"", "\"NaN\" is not a finite number")]
    [InlineData("\"1e999\"", "\"1e999\" is not a finite number")]
    public async Task Feedback_for_a_regression_model_refuses_a_label_that_is_not_a_finite_number_naming_the_item(string label, string reason)
    {
        var body = $$"""[{"predictionId": "{{Guid.NewGuid()}}", "label": 12.5}, {"predictionId": "{{Guid.NewGuid()}}", "label": {{label}}}]""";
        using var document = JsonDocument.Parse(body);

        var result = await FeedbackApi.PostFeedback("prices", document.RootElement.Clone(), Caller,
            _host, db: null!, TimeProvider.System, Options.Create(new InferenceOptions()), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("[1].label", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal(reason, problem.ProblemDetails.Extensions["reason"]);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("\"12.50\"")]
    [InlineData("\"1.25e1\"")]
    [InlineData("\" 12.5 \"")]
    public void A_regression_label_is_kept_as_its_numbers_invariant_text_so_one_value_is_one_label(string label)
    {
        using var document = JsonDocument.Parse(label);
        Assert.Equal("12.5", FeedbackApi.TrueValue(document.RootElement));
    }

    [Fact]
    public void Live_quality_of_a_regression_window_is_r2_and_rmse_with_r2_in_the_contracts_roc_auc_slot()
    {
        // Predicted (kept) 10, 20, 30, 40 against true 12, 18, 33, 37.
        LabelledPrediction[] window = [new(10, "12", "10"), new(20, "18", "20"), new(30, "33", "30"), new(40, "37", "40")];

        var quality = LiveQuality.MeasureRegression(Guid.NewGuid(), 4, window, null);

        // Errors −2, 2, −3, 3: squared 26, RMSE √6.5; mean 25, total 169 + 49 + 64 + 144 = 426.
        Assert.Equal(1 - 26 / 426.0, quality.R2!.Value, 6);
        Assert.Equal(Math.Sqrt(6.5), quality.Rmse!.Value, 6);
        Assert.Equal((null, null, 4L), (quality.RocAuc, quality.Accuracy, quality.WindowRows));
        var response = quality.ToResponse();
        Assert.Equal(quality.R2, response.RocAuc);
        Assert.Null(response.Accuracy);
    }

    [Fact]
    public void Live_quality_of_a_regression_window_whose_labels_hold_one_value_has_rmse_and_no_r2()
    {
        LabelledPrediction[] window = [new(10, "12", "10"), new(14, "12", "14")];

        var quality = LiveQuality.MeasureRegression(Guid.NewGuid(), 2, window, null);

        Assert.Null(quality.R2);
        Assert.Equal(2, quality.Rmse!.Value, 6);
    }

    private PredictionResponse[] Answered(float[] rooms, float[] area, string[] city) =>
        [.. _model.Score(new FeatureBatch(rooms.Length, [new NumericColumn("rooms", rooms), new NumericColumn("area", area), new CategoricalColumn("city", city)]))
            .Select(p => new PredictionResponse(p.Label, p.Probabilities, Guid.NewGuid(), Value: p.Value))];
}
