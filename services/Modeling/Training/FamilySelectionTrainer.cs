using System.Diagnostics;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Training;

/// <summary>
/// Trains every family on the same split and keeps the one whose file scores the highest ROC-AUC (macro
/// for multiclass) on
/// the validation rows; the test rows only measure (ADR 22). Each family's file must match the model
/// it was trained as (parity), winner or not. The winner is not refitted on train + validation and
/// no blend is made: measured, neither pays on these validation sizes (ADR 22).
/// </summary>
public sealed class FamilySelectionTrainer(IReadOnlyList<IClassifierFamily>? families = null, double parityTolerance = 1e-4)
{
    private readonly IReadOnlyList<IClassifierFamily> _families = families ?? DefaultFamilies();

    /// <summary>Simplest first: on a tie of validation AUC the earlier family is kept.</summary>
    public static IReadOnlyList<IClassifierFamily> DefaultFamilies(TrainerOptions? network = null) =>
        [NetworkFamily.LogisticRegression(), new BoostedTreesFamily(), new NetworkFamily(network)];

    /// <summary>
    /// <paramref name="progress"/> hears the MLP's epochs only: the run's learning curve is one
    /// network's, and the other families are done in about a second (ADR 22).
    /// </summary>
    public FamilySelection Train(TrainingRequest request, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        if (_families.Count == 0) throw new InvalidOperationException("There is no family to choose from.");
        var split = TrainingSplit.Prepare(request);
        var candidates = new List<CandidateReport>(_families.Count);
        FittedFamily? best = null;
        var bestAuc = double.NegativeInfinity;
        foreach (var family in _families)
        {
            ct.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            var held = split.Budget.Reserved;
            var fitted = family.Fit(split, family.Name == ModelFamilies.Mlp ? progress : null, ct);
            // What a family reserved (its inputs, tensors, activations) is dropped when it returns
            // its file: the next family may use the same bytes, so the need is the largest family's.
            split.Budget.Release(split.Budget.Reserved - held);
            var time = stopwatch.Elapsed;

            float[] validation, test;
            using (var classifier = new OnnxClassifier(fitted.OnnxModel))
            {
                validation = classifier.PredictProbabilities(split.Data, split.ValidationRows);
                test = classifier.PredictProbabilities(split.Data, split.TestRows);
            }
            var parity = TabularClassifierTrainer.Parity(fitted.TestScores, test);
            if (!(parity < parityTolerance)) throw new ModelParityException(parity, parityTolerance);

            var validationAuc = split.RocAuc(split.ValidationLabels, validation);
            candidates.Add(new CandidateReport(
                fitted.Family, validationAuc, split.RocAuc(split.TestLabels, test),
                parity, fitted.Iterations, fitted.OnnxModel.LongLength, time));
            if (validationAuc > bestAuc) (best, bestAuc) = (fitted, validationAuc);
        }
        return new FamilySelection(TabularClassifierTrainer.Publish(split, best!, parityTolerance), candidates);
    }
}

/// <summary>The chosen model, and every family's figures: validation AUC chose, test AUC is reported only.</summary>
public sealed record FamilySelection(TrainedClassifier Winner, IReadOnlyList<CandidateReport> Candidates);

public sealed record CandidateReport(
    string Family, double ValidationAuc, double TestAuc, double ParityMaxAbsDelta, int Iterations, long FileBytes, TimeSpan TrainingTime);
