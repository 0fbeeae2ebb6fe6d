namespace Platform.Modeling.Compression;

/// <summary>Which layers <see cref="Int8Quantizer"/> stores as int8, which of them compute in int8, and how finely.</summary>
public sealed record Int8QuantizationOptions
{
    public static Int8QuantizationOptions Default { get; } = new();

    /// <summary>
    /// The scheme before ADR 15, for comparison (benchmarks): every weight stored as int8 and
    /// dequantized to float at load, so the file shrinks and the arithmetic stays float.
    /// </summary>
    public static Int8QuantizationOptions WeightsOnly { get; } = new() { IntegerComputeMinimumElements = int.MaxValue };

    /// <summary>A weight matrix with fewer elements (inputs × outputs) stays float: it gains nothing worth a node.</summary>
    public int MinimumElements { get; init; } = 256;

    /// <summary>
    /// From this many elements a layer's product runs in integers; a smaller one keeps its int8
    /// weights on disk and computes in float. Integer compute costs a fixed overhead per call
    /// (quantizing the activations, and a ReLU that no longer fuses into the layer: one more node)
    /// that a small matrix does not repay at batch 1. Measured with ONNX Runtime 1.31 on one thread
    /// (<c>QuantizationLayerBenchmarks</c>, ADR 15) for a hidden layer with its ReLU: slower up to
    /// 36,864 elements (192 × 192: 6 %; 256 × 128: 7 %), level at 49,152, faster by 12 % and more
    /// from 65,536 on; at 64 rows it is faster from 8,192.
    /// </summary>
    public int IntegerComputeMinimumElements { get; init; } = 65_536;

    /// <summary>Weights of integer layers are rounded to ±this; see <see cref="SymmetricInt8.ReducedLevels"/>.</summary>
    public int IntegerWeightLevels { get; init; } = SymmetricInt8.ReducedLevels;
}
