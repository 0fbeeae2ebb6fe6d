using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Images;

/// <summary>
/// Measures image classifier files on test images as <see cref="ModelEvaluation"/> measures table
/// classifiers on test rows: quality (macro ROC-AUC, accuracy) from raw pixels, and the latency of one
/// session run at batch 1 and 64 on one thread, a parent and its variant timed in turns.
/// </summary>
public static class ImageEvaluation
{
    private const int Batches = 16;

    public static EvaluationReport Evaluate(byte[] model, LabelledImages test, int classes, int rounds = 300)
    {
        var scores = ImageClassifierTrainer.Score(model, test);
        var latency = Latency([model], test, rounds)[0];
        return new EvaluationReport(ModelMetrics.Of(ClassificationMetrics.Compute(test.Labels, scores, classes)), test.Count,
            latency.Batch1Ms, latency.Batch64Ms, model.LongLength);
    }

    /// <summary>A variant against its parent: both scored on the test images, compared image by image, and timed in turns.</summary>
    public static VariantEvaluation EvaluateVariant(byte[] parent, byte[] variant, LabelledImages test, int classes, float[]? parentScores = null, int rounds = 300)
    {
        parentScores ??= ImageClassifierTrainer.Score(parent, test);
        var variantScores = ImageClassifierTrainer.Score(variant, test);
        if (variantScores.Length != parentScores.Length)
            throw new ArgumentException($"The variant scores {variantScores.Length / Math.Max(1, test.Count)} classes; its parent {classes}.", nameof(variant));
        var maxDelta = parentScores.Zip(variantScores, (a, b) => (double)Math.Abs(a - b)).Max();
        var latency = Latency([parent, variant], test, rounds);
        return new VariantEvaluation(
            new EvaluationReport(ModelMetrics.Of(ClassificationMetrics.Compute(test.Labels, parentScores, classes)), test.Count, latency[0].Batch1Ms, latency[0].Batch64Ms, parent.LongLength),
            new EvaluationReport(ModelMetrics.Of(ClassificationMetrics.Compute(test.Labels, variantScores, classes)), test.Count, latency[1].Batch1Ms, latency[1].Batch64Ms, variant.LongLength),
            maxDelta);
    }

    private static (double Batch1Ms, double Batch64Ms)[] Latency(IReadOnlyList<byte[]> models, LabelledImages test, int rounds)
    {
        var sessions = models.Select(m =>
        {
            using var options = OnnxClassifier.CreateSessionOptions();
            return new InferenceSession(m, options);
        }).ToArray();
        try
        {
            var one = Medians(sessions, test, 1, rounds);
            var many = Medians(sessions, test, Math.Min(64, test.Count), rounds);
            return [.. one.Zip(many)];
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    private static double[] Medians(InferenceSession[] sessions, LabelledImages test, int size, int rounds)
    {
        var shape = test.Shape;
        var inputs = Enumerable.Range(0, Batches).Select(b =>
        {
            var start = b * size % Math.Max(1, test.Count - size + 1);
            var pixels = new float[size * shape.Values];
            for (var i = 0; i < pixels.Length; i++) pixels[i] = test.Pixels[start * shape.Values + i];
            return OrtValue.CreateTensorValueFromMemory(pixels, [size, shape.Channels, shape.Height, shape.Width]);
        }).ToArray();
        var input = sessions[0].InputMetadata.Keys.Single();
        try
        {
            using var runOptions = new RunOptions();
            var runs = sessions.Select(session =>
            {
                var next = 0;
                return (Action)(() =>
                {
                    using var results = session.Run(runOptions, [input], [inputs[next]], [Onnx.ModelMetadata.ProbabilitiesOutput]);
                    next = (next + 1) % Batches;
                });
            }).ToArray();
            return LatencyMeasurement.MediansInTurns(runs, rounds);
        }
        finally
        {
            foreach (var value in inputs) value.Dispose();
        }
    }
}
