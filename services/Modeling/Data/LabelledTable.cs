using Platform.Tabular;

namespace Platform.Modeling.Data;

/// <summary>
/// A table read for binary classification: the feature columns, the two classes (negative first,
/// as in the model's probability columns), one label per usable row, and each row's partition.
/// Rows without a target value are left out.
/// </summary>
public sealed class LabelledTable
{
    private LabelledTable(TabularData data, int[] features, string[] classes, int[] rows, bool[] labels, SplitPartition[] partitions, string target)
    {
        Data = data;
        FeatureIndices = features;
        Classes = classes;
        Rows = rows;
        Labels = labels;
        Partitions = partitions;
        Target = target;
    }

    public TabularData Data { get; }
    public string Target { get; }
    public IReadOnlyList<int> FeatureIndices { get; }
    public IReadOnlyList<string> FeatureNames => FeatureIndices.Select(i => Data.Columns[i]).ToArray();
    public IReadOnlyList<string> Classes { get; }
    public string PositiveClass => Classes[1];

    /// <summary>Indices into <see cref="TabularData.Rows"/> of the rows with a label.</summary>
    public IReadOnlyList<int> Rows { get; }
    public IReadOnlyList<bool> Labels { get; }
    public IReadOnlyList<SplitPartition> Partitions { get; }

    public (int[] Rows, bool[] Labels) Partition(SplitPartition partition)
    {
        var rows = new List<int>();
        var labels = new List<bool>();
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Partitions[i] != partition) continue;
            rows.Add(Rows[i]);
            labels.Add(Labels[i]);
        }
        return (rows.ToArray(), labels.ToArray());
    }

    public static LabelledTable From(TabularData data, string target, string positiveClass, IReadOnlyList<string>? featureColumns, int seed)
    {
        var targetIndex = data.ColumnIndex(target);
        if (targetIndex < 0)
            throw new InvalidTrainingDataException($"The target column '{target}' does not exist; the columns are {string.Join(", ", data.Columns)}.");

        int[] features;
        if (featureColumns is { Count: > 0 })
        {
            features = new int[featureColumns.Count];
            for (var i = 0; i < featureColumns.Count; i++)
            {
                var index = data.ColumnIndex(featureColumns[i]);
                if (index < 0) throw new InvalidTrainingDataException($"The feature column '{featureColumns[i]}' does not exist.");
                if (index == targetIndex) throw new InvalidTrainingDataException($"The target column '{target}' cannot also be a feature.");
                features[i] = index;
            }
            if (features.Distinct().Count() != features.Length) throw new InvalidTrainingDataException("A feature column is listed twice.");
        }
        else
        {
            features = Enumerable.Range(0, data.Columns.Count).Where(i => i != targetIndex).ToArray();
        }
        if (features.Length == 0) throw new InvalidTrainingDataException("There are no feature columns.");

        var values = data.Rows.Select(r => r[targetIndex]).Where(v => v is not null).Distinct(StringComparer.Ordinal).ToArray();
        if (!values.Contains(positiveClass, StringComparer.Ordinal))
            throw new InvalidTrainingDataException($"The positive class '{positiveClass}' never occurs in '{target}'; its values are {string.Join(", ", values.Take(10))}.");
        if (values.Length != 2)
            throw new InvalidTrainingDataException($"The target '{target}' has {values.Length} classes ({string.Join(", ", values.Take(10))}); binary classification needs exactly 2.");
        var negative = values.Single(v => v != positiveClass)!;

        var rows = new List<int>(data.Rows.Count);
        var labels = new List<bool>(data.Rows.Count);
        var partitions = new List<SplitPartition>(data.Rows.Count);
        for (var r = 0; r < data.Rows.Count; r++)
        {
            var label = data.Rows[r][targetIndex];
            if (label is null) continue;
            rows.Add(r);
            labels.Add(label == positiveClass);
            partitions.Add(DatasetSplit.Assign(data.Rows[r], seed));
        }

        var table = new LabelledTable(data, features, [negative, positiveClass], rows.ToArray(), labels.ToArray(), partitions.ToArray(), target);
        foreach (var partition in Enum.GetValues<SplitPartition>())
        {
            var (_, partLabels) = table.Partition(partition);
            if (!partLabels.Contains(true) || !partLabels.Contains(false))
                throw new InvalidTrainingDataException($"The {partition.ToString().ToLowerInvariant()} split has {partLabels.Length} rows and not both classes; the dataset is too small or too unbalanced.");
        }
        return table;
    }
}
