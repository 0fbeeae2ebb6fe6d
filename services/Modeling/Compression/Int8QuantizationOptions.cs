namespace Platform.Modeling.Compression;

/// <summary>Which layers <see cref="Int8Quantizer"/> stores as int8, which of them compute in int8, and how finely.</summary>
public sealed record Int8QuantizationOptions
{
    public static Int8QuantizationOptions Default { get; } = new();

    /// <summary>
    /// The scheme before ADR 15, for comparison (benchmarks): every weight stored as int8 and
    /// dequantized to float at load, so the file shrinks and the arithmetic stays float.
    /// </summary>
    public static Int8QuantizationOptions WeightsOnly { get; } = new() { IntegerComputeMinimumElements = int.MaxValue, IntegerConvMinimumInputs = int.MaxValue };

    /// <summary>A weight matrix with fewer elements (inputs × outputs) stays float: it gains nothing worth a node.</summary>
    public int MinimumElements { get; init; } = 256;

    /// <summary>
    /// From this many elements a layer's product runs in integers; a smaller one keeps its int8
    /// weights on disk and computes in float. Integer compute costs a fixed overhead per call
    /// (quantizing the activations, and a ReLU that no longer fuses into the layer: one more node)
    /// that a small matrix does not repay at batch 1. Measured with ONNX Runtime 1.31 on one thread
    /// (<c>QuantizationLayerBenchmarks</c>, in turns; ADR 15), a hidden layer with its ReLU, one row:
    /// 128 × 128 22 % slower, 256 × 128 3 % slower, 256 × 192 7–10 % faster, 256 × 256 4–13 %,
    /// 512 × 256 33 %; at 64 rows every one of them is faster (by 29 to 62 %). 65,536 rather than
    /// 49,152 leaves a margin for CPUs other than this one; the promotion policy still refuses an
    /// int8 file that measures slower than its parent.
    /// </summary>
    public int IntegerComputeMinimumElements { get; init; } = 65_536;

    /// <summary>
    /// A 2-D convolution computes in int8 (QLinearConv, given calibration ranges) from this many inputs
    /// per output value (input channels × kernel height × width); a smaller one stays float: an image
    /// CNN's first layer reads one channel through a 3 × 3 kernel, 9 inputs, too few for integer
    /// products to repay quantizing its input. Its weights are a few hundred floats.
    /// </summary>
    public int IntegerConvMinimumInputs { get; init; } = 128;

    /// <summary>Weights of integer layers are rounded to ±this; see <see cref="SymmetricInt8.ReducedLevels"/>.</summary>
    public int IntegerWeightLevels { get; init; } = SymmetricInt8.ReducedLevels;
}
