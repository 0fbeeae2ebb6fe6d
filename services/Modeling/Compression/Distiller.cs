using System.Security.Cryptography;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Compression;

/// <summary>
/// Knowledge distillation (ADR 24): a small MLP student learns the teacher's probabilities for the
/// train rows (the teacher is any classifier file: an MLP, boosted trees, logistic regression),
/// stopping early on the teacher's probabilities for the validation rows. The student has the same
/// preprocessing graph, inputs and outputs, so it serves as its teacher does; its file names the
/// teacher by SHA-256. The test rows are left to measure it.
/// </summary>
public static class Distiller
{
    /// <summary>
    /// Two small layers, no dropout (the soft labels do not need it), a larger step than the MLP's:
    /// about a tenth of the MLP's weights, so at batch 64 it costs little more than its preprocessing.
    /// </summary>
    public static TrainerOptions DefaultStudent { get; } = new()
    {
        HiddenLayers = [32, 16], Dropout = 0, LearningRate = 3e-3, MaxEpochs = 200, Patience = 15,
    };

    public static byte[] Distill(byte[] teacher, TrainingRequest request, TrainerOptions? student = null, CancellationToken ct = default)
    {
        var options = student ?? DefaultStudent;
        var split = TrainingSplit.Prepare(request);
        var held = split.Budget.Reserved;
        SoftTargets targets;
        using (var classifier = new OnnxClassifier(teacher))
            targets = new SoftTargets(classifier.PredictProbabilities(split.Data, split.TrainRows), classifier.PredictProbabilities(split.Data, split.ValidationRows));
        var fitted = new NetworkFamily(options).FitToTeacher(split, targets, ct);
        split.Budget.Release(split.Budget.Reserved - held);

        return DerivedFile.Finish(split, fitted, options.ParityTolerance, ModelMetadata.DistilledFrom, Convert.ToHexStringLower(SHA256.HashData(teacher)));
    }
}
