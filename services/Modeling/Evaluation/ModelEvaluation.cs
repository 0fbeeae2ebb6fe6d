using Platform.Tabular.Evaluation;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;

namespace Platform.Modeling.Evaluation;

/// <summary>
/// Measures a classifier file on the test rows its training used (the split is a function of the
/// rows and the seed), so an original and its compressed variants are compared on the same rows.
/// </summary>
public static class ModelEvaluation
{
    public static EvaluationReport Evaluate(byte[] model, TrainingRequest request, int latencyRuns = 300)
    {
        var test = TestRows(request);
        using var classifier = new OnnxClassifier(model);
        var metrics = Measure(classifier, test, classifier.PredictProbabilities(request.Data, test.Rows));
        var testRows = test.Rows;
        var latency = LatencyMeasurement.Medians([classifier], request.Data, testRows, latencyRuns)[0];
        return new EvaluationReport(metrics, testRows.Length, latency.Batch1Ms, latency.Batch64Ms, model.LongLength);
    }

    /// <summary>
    /// A compressed variant against the file it was made from: both scored on the test rows, their
    /// probabilities compared row by row, and their latencies measured in turns in one loop, so that
    /// whatever else the machine does at the time weighs on both alike. Promotion compares these
    /// latencies (a variant slower than its parent is never promoted), so they must be comparable.
    /// </summary>
    /// <param name="parentScores">
    /// The parent's test scores when already known (<see cref="TestScores"/>): a transformer's take a
    /// minute to compute, and every variant is compared with the same ones.
    /// </param>
    public static VariantEvaluation EvaluateVariant(byte[] parent, byte[] variant, TrainingRequest request, int latencyPairs = 4000,
        float[]? parentScores = null)
    {
        var test = TestRows(request);
        var testRows = test.Rows;
        using var before = new OnnxClassifier(parent);
        using var after = new OnnxClassifier(variant);
        if (before.IsRegression != after.IsRegression || !before.Classes.SequenceEqual(after.Classes))
            throw new ArgumentException($"The variant's classes ({string.Join(", ", after.Classes)}) are not its parent's ({string.Join(", ", before.Classes)}).", nameof(variant));
        parentScores ??= before.PredictProbabilities(request.Data, testRows);
        var variantScores = after.PredictProbabilities(request.Data, testRows);
        var maxDelta = 0.0;
        for (var i = 0; i < parentScores.Length; i++) maxDelta = Math.Max(maxDelta, Math.Abs(parentScores[i] - variantScores[i]));

        var latency = LatencyMeasurement.Medians([before, after], request.Data, testRows, latencyPairs);
        return new VariantEvaluation(
            new EvaluationReport(Measure(before, test, parentScores), testRows.Length, latency[0].Batch1Ms, latency[0].Batch64Ms, parent.LongLength),
            new EvaluationReport(Measure(after, test, variantScores), testRows.Length, latency[1].Batch1Ms, latency[1].Batch64Ms, variant.LongLength),
            maxDelta);
    }

    /// <summary>The file's scores on the request's test rows, as <see cref="EvaluateVariant"/> compares them.</summary>
    public static float[] TestScores(byte[] model, TrainingRequest request)
    {
        using var classifier = new OnnxClassifier(model);
        return classifier.PredictProbabilities(request.Data, TestRows(request).Rows);
    }

    /// <summary>The file's metrics for its task; a file of another task than the request's is refused by name.</summary>
    private static ModelMetrics Measure(OnnxClassifier model, (int[] Rows, int[] Labels, float[] Values, bool Regression) test, float[] scores)
    {
        if (model.IsRegression != test.Regression)
            throw new ArgumentException($"The model is a {(model.IsRegression ? "regression" : "classifier")}; the request asks for {(test.Regression ? "a regression" : "classification")}.");
        return model.IsRegression
            ? ModelMetrics.Of(RegressionMetrics.Compute(test.Values, scores))
            : ModelMetrics.Of(ClassificationMetrics.Compute(test.Labels, scores, model.Classes.Count));
    }

    private static (int[] Rows, int[] Labels, float[] Values, bool Regression) TestRows(TrainingRequest request)
    {
        var table = request.Label();
        var (rows, labels, values) = table.PartitionWithValues(SplitPartition.Test);
        return (rows, labels, values, table.IsRegression);
    }
}
