namespace Platform.Modeling.Compression;

/// <summary>The smallest and largest value a tensor of a graph took on calibration inputs.</summary>
public readonly record struct ActivationRange(float Min, float Max)
{
    /// <summary>
    /// Its uint8 quantization: the range widened to hold 0 (so that 0, a ReLU's and a padding's value,
    /// is exact), split into 255 steps, the zero point where 0 falls.
    /// </summary>
    public (float Scale, byte ZeroPoint) Uint8()
    {
        var (low, high) = (Math.Min(Min, 0f), Math.Max(Max, 0f));
        var scale = high > low ? (high - low) / 255f : 1f;
        return (scale, (byte)Math.Clamp(MathF.Round(-low / scale), 0, 255));
    }
}

/// <summary>The ranges the named tensors of a graph take on calibration inputs (static quantization needs them).</summary>
public delegate IReadOnlyDictionary<string, ActivationRange> ActivationRanges(IReadOnlyList<string> tensors);
