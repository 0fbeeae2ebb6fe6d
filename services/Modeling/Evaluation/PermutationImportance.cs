using Platform.Modeling.Onnx;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Evaluation;

/// <summary>
/// How much each input matters to a model: the test ROC-AUC lost when that column's values are
/// shuffled among the test rows (macro ROC-AUC for multiclass) (seeded, so the same model gets the same figures). Model-agnostic,
/// measured on the exported file, and what tooling uses to pick the columns to watch.
/// </summary>
public static class PermutationImportance
{
    /// <summary>The task's quality (<see cref="TrainingSplit.Quality"/>: R² for regression) lost per shuffled input.</summary>
    public static IReadOnlyDictionary<string, double> Measure(OnnxClassifier model, TrainingSplit split, int[] rows, int[] labels, float[] values)
    {
        var data = split.Data;
        var seed = split.Seed;
        var baseline = split.Quality(labels, values, model.PredictProbabilities(data, rows));
        var importance = new Dictionary<string, double>(StringComparer.Ordinal);
        var names = model.InputNames;
        for (var input = 0; input < names.Count; input++)
        {
            // Row i reads the permuted input from row order[i] and every other input from itself.
            var order = Enumerable.Range(0, rows.Length).ToArray();
            new Random(seed).Shuffle(order);
            var permutedRows = order.Select(i => rows[i]).ToArray();
            var scores = model.PredictProbabilities(data, rows, input, permutedRows);
            importance[names[input]] = Math.Round(baseline - split.Quality(labels, values, scores), 6);
        }
        return importance;
    }
}
