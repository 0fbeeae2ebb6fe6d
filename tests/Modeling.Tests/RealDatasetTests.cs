using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// The same pipeline, with no dataset-specific code, on the three public datasets the solutions use;
/// the thresholds are the targets.
/// </summary>
public class RealDatasetTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("finance-credit.csv", "Status", "bad", 0.81)]
    [InlineData("healthcare-diabetes.csv", "diabetes", "pos", 0.80)]
    [InlineData("retail-churn.csv", "churn", "yes", 0.85)]
    public void The_pipeline_reaches_the_target_auc_and_int8_keeps_it_in_a_third_of_the_size(string file, string target, string positive, double minimumAuc)
    {
        var request = Tables.Request(SharedDatasets.Read(file), target, positive, null, 42);

        var trained = new TabularClassifierTrainer().Train(request);
        var int8 = Int8Quantizer.Quantize(trained.OnnxModel);
        var evaluation = ModelEvaluation.EvaluateVariant(trained.OnnxModel, int8, request, latencyPairs: 200);
        var (baseline, quantized) = (evaluation.Parent, evaluation.Variant);

        var ratio = (double)int8.Length / trained.OnnxModel.Length;
        output.WriteLine($"{file}: test AUC {trained.TestMetrics.RocAuc:F4} after {trained.Epochs} epochs, parity {trained.ParityMaxAbsDelta:E1}; " +
            $"fp32 {trained.OnnxModel.Length} B, int8 {int8.Length} B ({ratio:P1}), int8 AUC {quantized.TestMetrics.RocAuc:F4}, max |Δp| {evaluation.MaxProbabilityDelta:F4}; " +
            $"latency b1 {baseline.LatencyBatch1Ms * 1000:F0}/{quantized.LatencyBatch1Ms * 1000:F0} µs, b64 {baseline.LatencyBatch64Ms * 1000:F0}/{quantized.LatencyBatch64Ms * 1000:F0} µs (fp32/int8)");
        Assert.True(trained.TestMetrics.RocAuc >= minimumAuc, $"test AUC {trained.TestMetrics.RocAuc:F4} < {minimumAuc}");
        Assert.Equal(trained.TestMetrics.RocAuc, baseline.TestMetrics.RocAuc, 9);
        Assert.True(ratio <= 0.35, $"int8 file is {ratio:P1} of fp32");
        Assert.True(baseline.TestMetrics.RocAuc - quantized.TestMetrics.RocAuc <= 0.01, $"int8 AUC {quantized.TestMetrics.RocAuc:F4}");
    }
}
