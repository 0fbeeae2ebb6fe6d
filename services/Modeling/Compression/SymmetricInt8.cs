namespace Platform.Modeling.Compression;

/// <summary>
/// Symmetric int8 quantization of a weight matrix with one scale per output: w ≈ q · scale, q in
/// [-levels, levels], zero point 0. Symmetric weights need no zero point in the integer product,
/// and one scale per output keeps a row of small weights from being rounded away by a row of large ones.
/// </summary>
internal static class SymmetricInt8
{
    /// <summary>
    /// The full int8 range; what the old weight-only scheme used and what a VNNI or ARM kernel
    /// multiplies exactly.
    /// </summary>
    public const int FullLevels = 127;

    /// <summary>
    /// 7-bit weights (ONNX Runtime's <c>reduce_range</c>): x86 kernels without VNNI multiply uint8
    /// activations by int8 weights with VPMADDUBSW, which adds two products into a saturating int16.
    /// 255 · 64 · 2 = 32,640 fits, 255 · 127 · 2 does not; with ±64 the integer result is exact on
    /// every CPU, so a file measured on one machine scores the same on another.
    /// </summary>
    public const int ReducedLevels = 64;

    /// <param name="weights">Row-major [rows, columns].</param>
    /// <param name="outputsAreRows">Whether the outputs are the rows (a torch Linear's [out, in]) or the columns ([in, out]).</param>
    public static (sbyte[] Values, float[] Scales) QuantizePerOutput(float[] weights, int rows, int columns, bool outputsAreRows, int levels = FullLevels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, 127);
        var outputs = outputsAreRows ? rows : columns;
        var scales = new float[outputs];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var o = outputsAreRows ? r : c;
                scales[o] = Math.Max(scales[o], Math.Abs(weights[r * columns + c]));
            }
        for (var o = 0; o < outputs; o++) scales[o] = scales[o] > 0 ? scales[o] / levels : 1f;

        var quantized = new sbyte[weights.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var scale = scales[outputsAreRows ? r : c];
                quantized[r * columns + c] = (sbyte)Math.Clamp(MathF.Round(weights[r * columns + c] / scale), -levels, levels);
            }
        return (quantized, scales);
    }
}
