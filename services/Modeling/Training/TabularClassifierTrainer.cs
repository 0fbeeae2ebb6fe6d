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

    public TrainedClassifier Train(TrainingRequest request, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        var split = TrainingSplit.Prepare(request);
        var fitted = new NetworkFamily(_options).Fit(split, progress, ct);
        return Publish(split, fitted, _options.ParityTolerance);
    }

    /// <summary>
    /// The file as published: scored on the test rows by ONNX Runtime, refused if it differs from the
    /// model that was trained by <paramref name="tolerance"/> or more, with its importance and drift reference.
    /// </summary>
    internal static TrainedClassifier Publish(TrainingSplit split, FittedFamily fitted, double tolerance)
    {
        float[] onnxScores;
        IReadOnlyDictionary<string, double> importance;
        using (var classifier = new OnnxClassifier(fitted.OnnxModel))
        {
            onnxScores = classifier.PredictProbabilities(split.Data, split.TestRows);
            importance = PermutationImportance.Measure(classifier, split.Data, split.TestRows, split.TestLabels, split.Seed);
        }

        var parity = Parity(fitted.TestScores, onnxScores);
        if (!(parity < tolerance)) throw new ModelParityException(parity, tolerance);

        return new TrainedClassifier(
            fitted.OnnxModel, split.Measure(split.TestLabels, onnxScores), parity,
            split.TrainRows.Length, split.ValidationRows.Length, split.TestRows.Length, fitted.Iterations, split.Table.Classes)
        {
            Reference = ReferenceFitter.Fit(split.Data, split.Pipeline, split.TrainRows),
            FeatureImportance = importance,
            Family = fitted.Family,
        };
    }

    internal static double Parity(float[] trained, float[] onnx)
    {
        var parity = 0.0;
        for (var i = 0; i < trained.Length; i++) parity = Math.Max(parity, Math.Abs(trained[i] - onnx[i]));
        return parity;
    }
}
