using Platform.Tabular.Evaluation;
using Platform.Modeling.Drift;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Training;

/// <summary>
/// Learns a classifier (binary or multiclass) from a table: deterministic split, preprocessing fitted on the train
/// rows, a TorchSharp MLP trained with Adam, class weights and early stopping on validation loss
/// (<see cref="NetworkFamily"/>), then exported to ONNX and checked against the network on the test
/// rows. <see cref="FamilySelectionTrainer"/> chooses among families instead.
/// </summary>
public sealed class TabularClassifierTrainer(TrainerOptions? options = null)
{
    private readonly TrainerOptions _options = options ?? new TrainerOptions();

    /// <summary>
    /// Scoring a candidate's file for selection and parity times nothing, so it may use both cores: a
    /// transformer scores thousands of texts here (ADR 32). Latency is measured on one thread elsewhere.
    /// </summary>
    internal const int ScoringThreads = 2;

    public TrainedClassifier Train(TrainingRequest request, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        var split = TrainingSplit.Prepare(request);
        var fitted = new NetworkFamily(_options).Fit(split, progress, ct);
        return Publish(split, fitted, _options.ParityTolerance);
    }

    /// <summary>
    /// The file as published: scored on the test rows by ONNX Runtime, refused if it differs from the
    /// model that was trained by <paramref name="tolerance"/> or more, with its importance and drift reference.
    /// <paramref name="testScores"/> are the file's own for the test rows, if already scored.
    /// </summary>
    internal static TrainedClassifier Publish(TrainingSplit split, FittedFamily fitted, double tolerance, float[]? testScores = null)
    {
        float[] onnxScores;
        IReadOnlyDictionary<string, double> importance;
        IReadOnlyList<string> freeText;
        using (var classifier = new OnnxClassifier(fitted.OnnxModel, threads: ScoringThreads))
        {
            onnxScores = testScores ?? classifier.PredictProbabilities(split.Data, split.TestRows);
            importance = PermutationImportance.Measure(classifier, split, split.TestRows, split.TestLabels, split.TestValues, onnxScores);
            freeText = classifier.FreeTextInputs;
        }

        var parity = Parity(split, fitted.TestScores, onnxScores);
        if (!(parity < tolerance)) throw new ModelParityException(parity, tolerance);

        return new TrainedClassifier(
            fitted.OnnxModel, split.Measure(split.TestLabels, split.TestValues, onnxScores), parity,
            split.TrainRows.Length, split.ValidationRows.Length, split.TestRows.Length, fitted.Iterations, split.Table.Classes)
        {
            Reference = ReferenceFitter.Fit(split.Data, split.Pipeline, split.TrainRows, [.. freeText]),
            FeatureImportance = importance,
            Family = fitted.Family,
        };
    }

    /// <summary>
    /// The largest disagreement between the trained model's scores and the file's: absolute for
    /// probabilities; relative to the value (at least 1) for a regression, whose values may be in the
    /// thousands, where float arithmetic in another order differs by more than 1e-4 (ADR 31).
    /// </summary>
    internal static double Parity(TrainingSplit split, float[] trained, float[] onnx)
    {
        var parity = 0.0;
        for (var i = 0; i < trained.Length; i++)
        {
            var delta = Math.Abs(trained[i] - onnx[i]);
            parity = Math.Max(parity, split.IsRegression ? delta / Math.Max(1, Math.Abs(trained[i])) : delta);
        }
        return parity;
    }
}
