using Platform.Tabular;

namespace Platform.Modeling.Preprocessing;

/// <summary>
/// The preprocessing learned from the train split only. The network's input vector holds the
/// numeric features first, then each categorical one-hot block, both in feature order; the ONNX
/// writer lays the graph out the same way.
/// </summary>
public sealed class FeaturePipeline
{
    private FeaturePipeline(IReadOnlyList<FeatureEncoder> inputs)
    {
        Inputs = inputs;
        Numeric = inputs.OfType<NumericEncoder>().ToArray();
        Categorical = inputs.OfType<CategoricalEncoder>().ToArray();
        Width = inputs.Sum(e => e.Width);
    }

    /// <summary>The encoders in feature order: the model's inputs.</summary>
    public IReadOnlyList<FeatureEncoder> Inputs { get; }
    public IReadOnlyList<NumericEncoder> Numeric { get; }
    public IReadOnlyList<CategoricalEncoder> Categorical { get; }
    public int Width { get; }

    /// <summary>
    /// A column is numeric when every value it has in the train split is a finite number. A column
    /// read as text because of a value outside the train rows is numeric here all the same: its
    /// categories are read as numbers, as its cells were.
    /// </summary>
    public static FeaturePipeline Fit(ColumnarTable data, IReadOnlyList<int> featureIndices, IReadOnlyList<int> trainRows)
    {
        var encoders = new List<FeatureEncoder>(featureIndices.Count);
        foreach (var index in featureIndices)
        {
            var column = data[index];
            encoders.Add(column switch
            {
                NumberColumn numbers => FitNumbers(numbers, index, trainRows),
                CategoryColumn categories => FitCategories(categories, index, trainRows),
                _ => throw new NotSupportedException(column.GetType().Name),
            });
        }
        return new FeaturePipeline(encoders);
    }

    private static FeatureEncoder FitNumbers(NumberColumn column, int index, IReadOnlyList<int> trainRows)
    {
        var numbers = new List<float>(trainRows.Count);
        foreach (var row in trainRows)
            if (column.Number(row) is var value && !float.IsNaN(value)) numbers.Add(value);
        // A column with no value in the train rows has no numbers to learn from: one "other" slot, as text.
        return numbers.Count > 0
            ? NumericEncoder.Fit(column.Name, index, numbers)
            : CategoricalEncoder.Fit(column.Name, index, [], trainRows.Count);
    }

    private static FeatureEncoder FitCategories(CategoryColumn column, int index, IReadOnlyList<int> trainRows)
    {
        var counts = new int[column.Categories.Count];
        foreach (var row in trainRows)
            if (column.Code(row) is var code and >= 0) counts[code]++;

        var numeric = true;
        var present = false;
        for (var code = 0; code < counts.Length && numeric; code++)
        {
            if (counts[code] == 0) continue;
            present = true;
            numeric = NumericCell.IsNumber(column.Categories[code]);
        }
        if (numeric && present)
        {
            var numbers = new List<float>(trainRows.Count);
            foreach (var row in trainRows)
                if (column.Code(row) >= 0) numbers.Add(column.Number(row));
            return NumericEncoder.Fit(column.Name, index, numbers);
        }

        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var code = 0; code < counts.Length; code++)
            if (counts[code] > 0) byText[column.Categories[code]] = counts[code];
        return CategoricalEncoder.Fit(column.Name, index, byText, trainRows.Count);
    }

    /// <summary>The bytes <see cref="Transform"/> allocates for <paramref name="rows"/> rows.</summary>
    public long TransformBytes(long rows) => rows * Width * sizeof(float);

    /// <summary>Row-major [rows, Width] network inputs.</summary>
    public float[] Transform(ColumnarTable data, IReadOnlyList<int> rows)
    {
        var output = new float[rows.Count * Width];
        var offset = 0;
        foreach (var encoder in Numeric)
        {
            var column = data[encoder.SourceIndex];
            for (var r = 0; r < rows.Count; r++) output[r * Width + offset] = encoder.Encode(column.Number(rows[r]));
            offset += encoder.Width;
        }
        foreach (var encoder in Categorical)
        {
            var slotOf = SlotOf(encoder, data[encoder.SourceIndex]);
            for (var r = 0; r < rows.Count; r++) output[r * Width + offset + slotOf(rows[r])] = 1f;
            offset += encoder.Width;
        }
        return output;
    }

    /// <summary>Each row's one-hot slot; for codes, looked up once per category rather than once per row.</summary>
    private static Func<int, int> SlotOf(CategoricalEncoder encoder, TypedColumn column)
    {
        if (column is not CategoryColumn categories) return row => encoder.IndexOf(column.Text(row));
        var slots = categories.Categories.Select(c => encoder.IndexOf(c)).ToArray();
        var missing = encoder.IndexOf(null);
        return row => categories.Code(row) is var code and >= 0 ? slots[code] : missing;
    }
}
