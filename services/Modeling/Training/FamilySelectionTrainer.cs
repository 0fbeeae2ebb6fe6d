using System.Diagnostics;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Training;

/// <summary>
/// Trains every family on the same split, adds the blend of the boosted trees and the MLP, and keeps
/// the candidate with the highest ROC-AUC (macro for multiclass; R² for regression, ADR 31) on the rows that choose: out of
/// fold over k folds of train + validation for a table small enough to fold, else the validation
/// rows. The test rows only measure (ADR 22). Each candidate's file must match the model it was
/// trained as (parity), winner or not. The winner is not refitted on train + validation: measured,
/// it does not pay (ADR 22).
/// </summary>
public sealed class FamilySelectionTrainer(
    IReadOnlyList<IClassifierFamily>? families = null, double parityTolerance = 1e-4, CrossValidationOptions? crossValidation = null)
{
    private readonly IReadOnlyList<IClassifierFamily> _families = families ?? DefaultFamilies();
    private readonly CrossValidationOptions _crossValidation = crossValidation ?? new CrossValidationOptions();

    /// <summary>Simplest first: on a tie of validation AUC the earlier family is kept.</summary>
    public static IReadOnlyList<IClassifierFamily> DefaultFamilies(TrainerOptions? network = null) =>
        [NetworkFamily.LogisticRegression(), new BoostedTreesFamily(), new NetworkFamily(network)];

    /// <summary>
    /// <paramref name="progress"/> hears the MLP's (or a fine-tuned encoder's) epochs only: the run's
    /// learning curve is one network's, and the other families are done in about a second (ADR 22).
    /// </summary>
    public FamilySelection Train(TrainingRequest request, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        if (_families.Count == 0) throw new InvalidOperationException("There is no family to choose from.");
        var split = TrainingSplit.Prepare(request);
        var chooseRows = split.TrainRows.Length + split.ValidationRows.Length;
        var folds = _crossValidation.Folds >= 2 && chooseRows <= _crossValidation.MaxRows ? split.Folds(_crossValidation.Folds) : null;
        var foldLabels = folds?.SelectMany(f => f.TestLabels).ToArray();
        var foldValues = folds?.SelectMany(f => f.TestValues).ToArray();
        var scored = new List<Scored>(_families.Count + 1);
        foreach (var family in _families)
        {
            ct.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            var fitted = Fit(family, split, split, family.Name is ModelFamilies.Mlp or ModelFamilies.FineTunedEncoder ? progress : null, ct);
            var time = stopwatch.Elapsed;
            var outOfFold = folds is null ? null : OutOfFold(family, split, folds, ct);
            scored.Add(Score(split, fitted, outOfFold, time));
        }
        if (Blend(split, scored) is { } blend) scored.Add(blend);

        var candidates = scored.Select(c => c.Report with
        {
            CrossValidationAuc = c.OutOfFold is null ? null : split.Quality(foldLabels!, foldValues!, c.OutOfFold),
        }).ToList();
        // The highest AUC on the rows that choose (the folds where the table was small enough to
        // fold, else validation); on a tie the earlier, simpler candidate.
        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
            if (Choosing(candidates[i]) > Choosing(candidates[best])) best = i;
        return new FamilySelection(TabularClassifierTrainer.Publish(split, scored[best].Fitted, parityTolerance, scored[best].TestScores), candidates);

        static double Choosing(CandidateReport c) => c.CrossValidationAuc ?? c.ValidationAuc;
    }

    /// <summary>
    /// Fits <paramref name="family"/> on <paramref name="on"/> (the split or one of its folds). What it
    /// reserved (its inputs, tensors, activations) is dropped when it returns its file: the next fit
    /// may use the same bytes, so the need is the largest family's.
    /// </summary>
    private static FittedFamily Fit(IClassifierFamily family, TrainingSplit split, TrainingSplit on, IProgress<EpochProgress>? progress, CancellationToken ct)
    {
        var held = split.Budget.Reserved;
        var fitted = family.Fit(on, progress, ct);
        split.Budget.Release(split.Budget.Reserved - held);
        return fitted;
    }

    /// <summary>Scores a candidate's file on the validation and test rows and checks it reproduces the candidate's own test probabilities (parity).</summary>
    private Scored Score(TrainingSplit split, FittedFamily fitted, float[]? outOfFold, TimeSpan training)
    {
        float[] validation, test;
        using (var classifier = new OnnxClassifier(fitted.OnnxModel, threads: TabularClassifierTrainer.ScoringThreads))
        {
            validation = classifier.PredictProbabilities(split.Data, split.ValidationRows);
            test = classifier.PredictProbabilities(split.Data, split.TestRows);
        }
        var parity = TabularClassifierTrainer.Parity(split, fitted.TestScores, test);
        if (!(parity < parityTolerance)) throw new ModelParityException(parity, parityTolerance);
        var report = new CandidateReport(
            fitted.Family, split.ValidationQuality(validation), split.TestQuality(test),
            parity, fitted.Iterations, fitted.OnnxModel.LongLength, training);
        return new Scored(fitted, report, outOfFold, test);
    }

    /// <summary>
    /// The mean of the boosted trees' and the MLP's probabilities, one file, when both were trained:
    /// a tree ensemble and a network err differently, which is what a mean of two models gains from
    /// (logistic regression is the network's linear special case, and measured, adding it gained
    /// nothing; ADR 22). Its out-of-fold scores are the members' means on the same rows, so it is
    /// chosen on the same footing as they are.
    /// </summary>
    private Scored? Blend(TrainingSplit split, IReadOnlyList<Scored> scored)
    {
        var trees = scored.FirstOrDefault(s => s.Fitted.Family == ModelFamilies.BoostedTrees);
        var mlp = scored.FirstOrDefault(s => s.Fitted.Family == ModelFamilies.Mlp);
        if (trees is null || mlp is null) return null;
        byte[][] members = [trees.Fitted.OnnxModel, mlp.Fitted.OnnxModel];
        var file = split.IsRegression
            ? BlendOnnxWriter.WriteRegression(split.Pipeline, members, split.Table.Target)
            : BlendOnnxWriter.Write(split.Pipeline, members, split.Table.Classes, split.Table.Target);
        var fitted = new FittedFamily(ModelFamilies.Blend, file, Mean(trees.Fitted.TestScores, mlp.Fitted.TestScores),
            trees.Fitted.Iterations + mlp.Fitted.Iterations);
        var outOfFold = trees.OutOfFold is null || mlp.OutOfFold is null ? null : Mean(trees.OutOfFold, mlp.OutOfFold);
        return Score(split, fitted, outOfFold, trees.Report.TrainingTime + mlp.Report.TrainingTime);
    }

    private static float[] Mean(float[] a, float[] b) => a.Zip(b, (x, y) => (x + y) / 2).ToArray();

    /// <summary>A candidate, its report, its out-of-fold scores if folded, and its file's own test scores (published as they are).</summary>
    private sealed record Scored(FittedFamily Fitted, CandidateReport Report, float[]? OutOfFold, float[] TestScores);

    /// <summary>
    /// The family's out-of-fold probabilities, pooled over the folds in fold order: every train and
    /// validation row scored once by a model that never saw it nor stopped on it.
    /// </summary>
    private static float[] OutOfFold(IClassifierFamily family, TrainingSplit split, IReadOnlyList<TrainingSplit> folds, CancellationToken ct)
    {
        var scores = new List<float>();
        foreach (var fold in folds)
        {
            ct.ThrowIfCancellationRequested();
            scores.AddRange(Fit(family, split, fold, null, ct).TestScores);
        }
        return [.. scores];
    }
}

/// <summary>
/// Choosing on k folds of train + validation instead of the validation rows alone, for tables of
/// at most <see cref="MaxRows"/> such rows (ADR 22): on a few thousand rows a 15 % validation
/// partition cannot tell families apart. Above it the validation partition is large enough and
/// k more fits of each family would cost minutes.
/// </summary>
public sealed record CrossValidationOptions
{
    /// <summary>Folds; 0 or 1 chooses on the validation rows alone.</summary>
    public int Folds { get; init; } = 5;

    public int MaxRows { get; init; } = 5_000;
}

/// <summary>The chosen model, and every family's figures: validation AUC chose, test AUC is reported only.</summary>
public sealed record FamilySelection(TrainedClassifier Winner, IReadOnlyList<CandidateReport> Candidates);

/// <summary>
/// <paramref name="CrossValidationAuc"/>: the pooled out-of-fold ROC-AUC that chose, where the table was small enough to fold.
/// The "Auc" figures are the task's quality: R² for a regression (ADR 31).
/// </summary>
public sealed record CandidateReport(
    string Family, double ValidationAuc, double TestAuc, double ParityMaxAbsDelta, int Iterations, long FileBytes, TimeSpan TrainingTime,
    double? CrossValidationAuc = null);
