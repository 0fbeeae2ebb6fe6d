using Platform.Modeling.Onnx;

namespace Platform.Modeling.Training.Families;

/// <summary>
/// A regression target's standardisation, fitted on the train rows: the network learns
/// (y − mean) / scale, and its file answers in the target's units because the last layer is
/// multiplied back (<see cref="Fold"/>): w·scale, b·scale + mean. No extra node runs per request (ADR 31).
/// </summary>
internal readonly record struct Standardised(float Mean, float Scale)
{
    public static Standardised Of(IReadOnlyList<float> values)
    {
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= values.Count;
        double variance = 0;
        foreach (var v in values) variance += (v - mean) * (v - mean);
        var scale = Math.Sqrt(variance / values.Count);
        // LabelledTable refuses a train split of one value; a scale of 1 keeps the arithmetic safe regardless.
        return new((float)mean, scale > 0 ? (float)scale : 1f);
    }

    public float[] Apply(IReadOnlyList<float> values)
    {
        var (mean, scale) = (Mean, Scale);
        return values.Select(v => (v - mean) / scale).ToArray();
    }

    public float[] Revert(IReadOnlyList<float> standard)
    {
        var (mean, scale) = (Mean, Scale);
        return standard.Select(v => v * scale + mean).ToArray();
    }

    /// <summary>
    /// The last layer answering in the target's units (<paramref name="inverse"/> false), or a layer that
    /// answered so brought back to standard units (true): fine-tuning a regression file's network.
    /// </summary>
    public DenseLayer Fold(DenseLayer last, bool inverse)
    {
        var (mean, scale) = (Mean, Scale);
        return inverse
            ? new DenseLayer(last.Weight.Select(w => w / scale).ToArray(), last.Bias.Select(b => (b - mean) / scale).ToArray(), last.Inputs, last.Outputs)
            : new DenseLayer(last.Weight.Select(w => w * scale).ToArray(), last.Bias.Select(b => b * scale + mean).ToArray(), last.Inputs, last.Outputs);
    }
}
