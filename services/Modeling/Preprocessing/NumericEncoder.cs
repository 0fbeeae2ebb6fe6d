namespace Platform.Modeling.Preprocessing;

/// <summary>Missing values become the train median, then (x - mean) / scale.</summary>
public sealed record NumericEncoder(string Column, int SourceIndex, float Median, float Mean, float Scale)
    : FeatureEncoder(Column, SourceIndex)
{
    public override int Width => 1;

    // Written as the ONNX graph computes it, in float: Where(IsNaN(x), median, x), Sub, Div.
    public float Encode(float value)
    {
        if (float.IsNaN(value)) value = Median;
        return (value - Mean) / Scale;
    }

    public static NumericEncoder Fit(string column, int sourceIndex, List<float> trainValues)
    {
        if (trainValues.Count == 0) return new NumericEncoder(column, sourceIndex, 0f, 0f, 1f);
        trainValues.Sort();
        var middle = trainValues.Count / 2;
        var median = trainValues.Count % 2 == 1 ? trainValues[middle] : (float)((trainValues[middle - 1] + (double)trainValues[middle]) / 2);

        double mean = 0, m2 = 0;
        for (var i = 0; i < trainValues.Count; i++)
        {
            var delta = trainValues[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (trainValues[i] - mean);
        }
        var std = Math.Sqrt(m2 / trainValues.Count);
        return new NumericEncoder(column, sourceIndex, median, (float)mean, std > 1e-12 ? (float)std : 1f);
    }
}
