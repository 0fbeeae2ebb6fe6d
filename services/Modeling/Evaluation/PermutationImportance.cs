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
    /// <summary>
    /// The task's quality (<see cref="TrainingSplit.Quality"/>: R² for regression) lost per shuffled
    /// input. <paramref name="scores"/> are the model's own for <paramref name="rows"/>, if already known.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Measure(OnnxClassifier model, TrainingSplit split, int[] rows, int[] labels, float[] values,
        float[]? scores = null)
    {
        var data = split.Data;
        var seed = split.Seed;
        var unshuffled = scores ?? model.PredictProbabilities(data, rows);
        var baseline = split.Quality(labels, values, unshuffled);
        var importance = new Dictionary<string, double>(StringComparer.Ordinal);
        var names = model.InputNames;
        for (var input = 0; input < names.Count; input++)
        {
            // Row i reads the permuted input from row order[i] and every other input from itself.
            var order = Enumerable.Range(0, rows.Length).ToArray();
            new Random(seed).Shuffle(order);
            var permutedRows = order.Select(i => rows[i]).ToArray();
            // A model of one input (a text model) given row order[i]'s input gives row order[i]'s
            // scores: shuffling them is exact, and spares scoring the rows again (a transformer's minute).
            var permuted = names.Count == 1 ? Shuffled(unshuffled, order) : model.PredictProbabilities(data, rows, input, permutedRows);
            importance[names[input]] = Math.Round(baseline - split.Quality(labels, values, permuted), 6);
        }
        return importance;
    }

    /// <summary>Row i's scores taken from row order[i] (row-major, the same width for every row).</summary>
    private static float[] Shuffled(float[] scores, int[] order)
    {
        var width = scores.Length / order.Length;
        var shuffled = new float[scores.Length];
        for (var i = 0; i < order.Length; i++) Array.Copy(scores, order[i] * width, shuffled, i * width, width);
        return shuffled;
    }
}
