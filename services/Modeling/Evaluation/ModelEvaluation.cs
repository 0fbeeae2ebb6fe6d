using Platform.Tabular.Evaluation;
using System.Diagnostics;
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
        var table = LabelledTable.From(request.Data, request.TargetColumn, request.PositiveClass, request.FeatureColumns, request.Seed);
        var (testRows, testLabels) = table.Partition(SplitPartition.Test);
        using var classifier = new OnnxClassifier(model);
        var scores = classifier.PredictPositive(request.Data, testRows);
        var metrics = ClassificationMetrics.Compute(testLabels, scores);

        var columns = classifier.ColumnsOf(request.Data);
        return new EvaluationReport(
            metrics, testRows.Length,
            MedianMilliseconds(classifier, request, testRows, columns, 1, latencyRuns),
            MedianMilliseconds(classifier, request, testRows, columns, 64, Math.Max(20, latencyRuns / 4)),
            model.LongLength);
    }

    /// <summary>The median wall time of one session run, after a warm-up, cycling through the test rows.</summary>
    private static double MedianMilliseconds(OnnxClassifier classifier, TrainingRequest request, int[] rows, int[] columns, int batch, int runs)
    {
        var size = Math.Min(batch, rows.Length);
        for (var i = 0; i < 10; i++) classifier.Run(request.Data, rows, 0, size, columns);
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = i * size % Math.Max(1, rows.Length - size + 1);
            var begin = Stopwatch.GetTimestamp();
            classifier.Run(request.Data, rows, start, size, columns);
            times[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
