using System.Globalization;
using Platform.Tabular;

namespace Platform.Modeling.Data;

/// <summary>
/// A table read for classification: the feature columns, the classes in the order of the model's
/// probability columns, one label (a class index) per usable row, and each row's partition. Binary
/// (a positive class named): two classes, negative first, so label 1 is positive. Multiclass (no
/// positive class): every value of the target, in ordinal order, so the order does not depend on
/// the rows'. Regression (<see cref="IsRegression"/>): no classes, each row's number in
/// <see cref="Values"/>, and its <see cref="Labels"/> the decile of that number among the rows, by
/// which cross-validation deals rows to folds evenly (ADR 31). Rows without a target value are left out.
/// </summary>
public sealed class LabelledTable
{
    /// <summary>How many strata a regression target's rows are dealt into for folding: its deciles.</summary>
    public const int RegressionStrata = 10;

    private LabelledTable(ColumnarTable data, int[] features, string[] classes, int[] rows, int[] labels, SplitPartition[] partitions, string target)
    {
        Data = data;
        FeatureIndices = features;
        Classes = classes;
        Rows = rows;
        Labels = labels;
        Partitions = partitions;
        Target = target;
    }

    public ColumnarTable Data { get; }
    public string Target { get; }
    public IReadOnlyList<int> FeatureIndices { get; }
    public IReadOnlyList<string> FeatureNames => FeatureIndices.Select(i => Data.ColumnNames[i]).ToArray();
    public IReadOnlyList<string> Classes { get; }
    /// <summary>The positive class of a binary table; null for multiclass.</summary>
    public string? PositiveClass { get; private init; }

    /// <summary>More classes than this is not a classification target (an id, a measurement): say so rather than learn it.</summary>
    public const int MaxClasses = ClassificationTarget.MaxClasses;

    /// <summary>The table's row numbers of the rows with a label.</summary>
    public IReadOnlyList<int> Rows { get; }
    /// <summary>Each row's class: its index in <see cref="Classes"/>; for regression, its value's decile.</summary>
    public IReadOnlyList<int> Labels { get; }
    public IReadOnlyList<SplitPartition> Partitions { get; }

    /// <summary>A regression table's target values, one per row in <see cref="Rows"/>; empty for classification.</summary>
    public IReadOnlyList<float> Values { get; private init; } = [];

    public bool IsRegression { get; private init; }

    /// <summary>How many distinct <see cref="Labels"/> there can be: the classes, or a regression target's strata.</summary>
    public int Strata => IsRegression ? RegressionStrata : Classes.Count;

    public (int[] Rows, int[] Labels) Partition(SplitPartition partition)
    {
        var (rows, labels, _) = PartitionWithValues(partition);
        return (rows, labels);
    }

    /// <summary>As <see cref="Partition"/>, with the rows' target values (empty for classification).</summary>
    public (int[] Rows, int[] Labels, float[] Values) PartitionWithValues(SplitPartition partition)
    {
        var rows = new List<int>();
        var labels = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Partitions[i] != partition) continue;
            rows.Add(Rows[i]);
            labels.Add(Labels[i]);
            if (IsRegression) values.Add(Values[i]);
        }
        return (rows.ToArray(), labels.ToArray(), values.ToArray());
    }

    /// <summary>
    /// <paramref name="data"/> is read by <see cref="TrainingTable"/> with this target and seed;
    /// <paramref name="positiveClass"/> null asks for multiclass. The
    /// labels, rows and partitions kept here (16 bytes a row) are reserved from <paramref name="budget"/>.
    /// </summary>
    public static LabelledTable From(ColumnarTable data, string target, string? positiveClass, IReadOnlyList<string>? featureColumns, int seed, MemoryBudget? budget = null) =>
        From(data, target, positiveClass, featureColumns, seed, regression: false, budget);

    /// <summary>As above; <paramref name="regression"/> reads the target as numbers to learn (no positive class).</summary>
    public static LabelledTable From(
        ColumnarTable data, string target, string? positiveClass, IReadOnlyList<string>? featureColumns, int seed, bool regression, MemoryBudget? budget = null)
    {
        var targetIndex = data.ColumnIndex(target);
        if (targetIndex < 0)
            throw new InvalidTrainingDataException($"The target column '{target}' does not exist; the columns are {string.Join(", ", data.ColumnNames)}.");
        if (data[targetIndex] is not CategoryColumn labelColumn || data.RowTagKey != DatasetSplit.TagKey(seed))
            throw new ArgumentException($"The table must be read by {nameof(TrainingTable)} with the target '{target}' and the seed {seed}.", nameof(data));

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

        if (regression)
        {
            if (positiveClass is not null)
                throw new InvalidTrainingDataException($"A regression of '{target}' learns its numbers and has no positive class ('{positiveClass}' was given).");
            return Regression(data, target, labelColumn, features, budget);
        }

        // The column's categories are its distinct values in the order they first occur.
        var values = labelColumn.Categories;
        string[] classes;
        if (positiveClass is not null)
        {
            var positiveCode = values.ToList().IndexOf(positiveClass);
            if (positiveCode < 0)
                throw new InvalidTrainingDataException($"The positive class '{positiveClass}' never occurs in '{target}'; its values are {string.Join(", ", values.Take(10))}.");
            if (values.Count != 2)
                throw new InvalidTrainingDataException($"The target '{target}' has {values.Count} classes ({string.Join(", ", values.Take(10))}); binary classification needs exactly 2.");
            classes = [values[1 - positiveCode], positiveClass];
        }
        else
        {
            if (values.Count < 2)
                throw new InvalidTrainingDataException($"The target '{target}' has {values.Count} class{(values.Count == 1 ? "" : "es")}; classification needs at least 2.");
            if (values.Count > MaxClasses)
                throw new InvalidTrainingDataException($"The target '{target}' has {values.Count:N0} distinct values; multiclass classification takes at most {MaxClasses}.");
            classes = values.Order(StringComparer.Ordinal).ToArray();
        }
        // Category code → class index.
        var classOf = values.Select(v => Array.IndexOf(classes, v)).ToArray();

        budget?.Reserve(16L * data.RowCount, $"the labels and split of {data.RowCount:N0} rows need {MemoryBudget.InMebibytes(16L * data.RowCount)}");
        var rows = new List<int>(data.RowCount);
        var labels = new List<int>(data.RowCount);
        var partitions = new List<SplitPartition>(data.RowCount);
        for (var r = 0; r < data.RowCount; r++)
        {
            var code = labelColumn.Code(r);
            if (code < 0) continue;
            rows.Add(r);
            labels.Add(classOf[code]);
            partitions.Add((SplitPartition)data.RowTag(r));
        }

        var table = new LabelledTable(data, features, classes, rows.ToArray(), labels.ToArray(), partitions.ToArray(), target) { PositiveClass = positiveClass };
        var (_, trainLabels) = table.Partition(SplitPartition.Train);
        // A model cannot learn a class it never sees; validation and test need two to measure a ranking.
        var unseen = Enumerable.Range(0, classes.Length).Where(c => !trainLabels.Contains(c)).ToArray();
        if (unseen.Length > 0)
            throw new InvalidTrainingDataException(
                $"The train split ({trainLabels.Length:N0} rows) has no row of the class{(unseen.Length == 1 ? "" : "es")} {string.Join(", ", unseen.Select(c => $"'{classes[c]}' ({labels.Count(l => l == c)} row{(labels.Count(l => l == c) == 1 ? "" : "s")} in all)"))}; " +
                "the dataset is too small or too unbalanced for that class.");
        foreach (var partition in new[] { SplitPartition.Validation, SplitPartition.Test })
        {
            var (_, partLabels) = table.Partition(partition);
            if (partLabels.Distinct().Count() < 2)
                throw new InvalidTrainingDataException($"The {partition.ToString().ToLowerInvariant()} split has {partLabels.Length} rows and not two classes; the dataset is too small or too unbalanced.");
        }
        return table;
    }

    /// <summary>
    /// The target's text read as numbers (invariant culture: the ingested file's own notation), each
    /// distinct text parsed once. A text that is not a number is refused by value and row: a
    /// regression cannot learn "fixed". Each partition needs two different values, or neither a
    /// model nor R² has anything to go on.
    /// </summary>
    private static LabelledTable Regression(ColumnarTable data, string target, CategoryColumn column, int[] features, MemoryBudget? budget)
    {
        var numbers = new float[column.Categories.Count];
        for (var code = 0; code < numbers.Length; code++)
        {
            var text = column.Categories[code];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || Math.Abs(number) > float.MaxValue)
            {
                var row = Enumerable.Range(0, data.RowCount).First(r => column.Code(r) == code);
                throw new InvalidTrainingDataException(
                    $"The target '{target}' holds '{(text.Length > 40 ? text[..40] + "…" : text)}' in row {row + 1:N0}, not a number; regression needs a numeric target.");
            }
            numbers[code] = (float)number;
        }

        budget?.Reserve(20L * data.RowCount, $"the targets and split of {data.RowCount:N0} rows need {MemoryBudget.InMebibytes(20L * data.RowCount)}");
        var rows = new List<int>(data.RowCount);
        var values = new List<float>(data.RowCount);
        var partitions = new List<SplitPartition>(data.RowCount);
        for (var r = 0; r < data.RowCount; r++)
        {
            var code = column.Code(r);
            if (code < 0) continue;
            rows.Add(r);
            values.Add(numbers[code]);
            partitions.Add((SplitPartition)data.RowTag(r));
        }
        // Each row's decile among all labelled rows (ties by row order: deterministic).
        var labels = new int[rows.Count];
        var byValue = Enumerable.Range(0, rows.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        for (var rank = 0; rank < byValue.Length; rank++) labels[byValue[rank]] = (int)((long)rank * RegressionStrata / byValue.Length);

        var table = new LabelledTable(data, features, [], rows.ToArray(), labels, partitions.ToArray(), target)
        {
            Values = values.ToArray(),
            IsRegression = true,
        };
        foreach (var partition in new[] { SplitPartition.Train, SplitPartition.Validation, SplitPartition.Test })
        {
            var (partRows, _, partValues) = table.PartitionWithValues(partition);
            if (partValues.Distinct().Count() < 2)
                throw new InvalidTrainingDataException(
                    $"The {partition.ToString().ToLowerInvariant()} split has {partRows.Length} rows and not two different values of '{target}'; the dataset is too small to learn a regression.");
        }
        return table;
    }
}
