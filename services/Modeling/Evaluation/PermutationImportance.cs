using Platform.Modeling.Onnx;
using Platform.Tabular;
using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Evaluation;

/// <summary>
/// How much each input matters to a model: the test ROC-AUC lost when that column's values are
/// shuffled among the test rows (seeded, so the same model gets the same figures). Model-agnostic,
/// measured on the exported file, and what tooling uses to pick the columns to watch.
/// </summary>
public static class PermutationImportance
{
    public static IReadOnlyDictionary<string, double> Measure(OnnxClassifier model, TabularData data, IReadOnlyList<int> rows, IReadOnlyList<bool> labels, int seed)
    {
        var baseline = ClassificationMetrics.AreaUnderRoc(labels, model.PredictPositive(data, rows));
        var testRows = rows.Select(r => data.Rows[r]).ToArray();
        var indices = Enumerable.Range(0, testRows.Length).ToArray();
        var importance = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in model.InputNames)
        {
            var column = data.ColumnIndex(name);
            var order = indices.ToArray();
            new Random(seed).Shuffle(order);
            var permuted = new string?[testRows.Length][];
            for (var i = 0; i < testRows.Length; i++)
            {
                permuted[i] = (string?[])testRows[i].Clone();
                permuted[i][column] = testRows[order[i]][column];
            }
            var scores = model.PredictPositive(data with { Rows = permuted }, indices);
            importance[name] = Math.Round(baseline - ClassificationMetrics.AreaUnderRoc(labels, scores), 6);
        }
        return importance;
    }
}
