using Platform.Modeling.Data;
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

    /// <summary>A column is numeric when every value it has in the train split is a finite number.</summary>
    public static FeaturePipeline Fit(TabularData data, IReadOnlyList<int> featureIndices, IReadOnlyList<int> trainRows)
    {
        var encoders = new List<FeatureEncoder>(featureIndices.Count);
        foreach (var column in featureIndices)
        {
            var numbers = new List<float>(trainRows.Count);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var numeric = true;
            foreach (var row in trainRows)
            {
                var cell = data.Rows[row][column];
                if (cell is null) continue;
                if (numeric && NumericCell.IsNumber(cell)) numbers.Add(NumericCell.ToFloat(cell));
                else numeric = false;
                counts[cell] = counts.GetValueOrDefault(cell) + 1;
            }
            var name = data.Columns[column];
            encoders.Add(numeric && numbers.Count > 0
                ? NumericEncoder.Fit(name, column, numbers)
                : CategoricalEncoder.Fit(name, column, counts, trainRows.Count));
        }
        return new FeaturePipeline(encoders);
    }

    /// <summary>Row-major [rows, Width] network inputs.</summary>
    public float[] Transform(TabularData data, IReadOnlyList<int> rows)
    {
        var output = new float[rows.Count * Width];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = data.Rows[rows[r]];
            var destination = output.AsSpan(r * Width, Width);
            var offset = 0;
            foreach (var encoder in Numeric)
            {
                encoder.Encode(row[encoder.SourceIndex], destination[offset..]);
                offset += encoder.Width;
            }
            foreach (var encoder in Categorical)
            {
                encoder.Encode(row[encoder.SourceIndex], destination[offset..]);
                offset += encoder.Width;
            }
        }
        return output;
    }
}
