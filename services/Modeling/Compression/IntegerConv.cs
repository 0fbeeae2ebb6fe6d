using System.Runtime.InteropServices;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Compression;

/// <summary>
/// One 2-D convolution <c>Y = Conv(X, W) + b</c> rewritten so that it computes in int8, statically
/// quantized (ONNX Runtime's advice for convolutions):
/// <code>
/// QuantizeLinear(X, X_scale, X_zp)              → X_q uint8      X's range observed on calibration images
/// QLinearConv(X_q, …, W_q, W_scale, 0, Y_scale, Y_zp, b_q) → Y_q uint8   W_q int8 per output channel, b_q int32 = b / (X_scale · W_scale)
/// DequantizeLinear(Y_q, Y_scale, Y_zp)          → Y
/// </code>
/// The dynamic form (DynamicQuantizeLinear and ConvInteger, as <see cref="IntegerGemm"/> does for
/// dense layers) needs no calibration, but ONNX Runtime 1.31's ConvInteger measured 4–6 times slower
/// than the float convolution (ADR 35); QLinearConv runs on its optimized integer kernels.
/// </summary>
internal static class IntegerConv
{
    /// <summary>
    /// The convolution's float weight when it can be quantized: a 4-D float initializer only this
    /// node uses, a 1-D constant bias if there is one, no automatic padding, and at least
    /// <paramref name="minimumInputs"/> inputs per output value (channels × kernel).
    /// </summary>
    public static TensorProto? WeightOf(NodeProto node, IReadOnlyDictionary<string, TensorProto> initializers, IReadOnlyDictionary<string, int> uses, int minimumInputs)
    {
        if (node.OpType != "Conv" || node.Domain is { Length: > 0 } || node.Input.Count < 2) return null;
        if (node.Attribute.Any(a => a.Name == "auto_pad" && a.S.ToStringUtf8() is not ("" or "NOTSET"))) return null;
        if (!initializers.TryGetValue(node.Input[1], out var weight) || weight.DataType != (int)DataType.Float || weight.Dims.Count != 4) return null;
        if (uses.GetValueOrDefault(weight.Name) != 1) return null;
        if (BiasName(node) is { } bias && !(initializers.TryGetValue(bias, out var values) && values.Dims.Count == 1 && values.DataType == (int)DataType.Float)) return null;
        return weight.Dims[1] * weight.Dims[2] * weight.Dims[3] >= minimumInputs ? weight : null;
    }

    public static string? BiasName(NodeProto conv) => conv.Input.Count > 2 && conv.Input[2].Length > 0 ? conv.Input[2] : null;

    /// <summary>
    /// The nodes that replace <paramref name="conv"/> and the initializers they need instead of its
    /// weight and bias; <paramref name="input"/> and <paramref name="output"/> are the ranges its
    /// input and output take (the output's may start at 0 when a ReLU follows: the uint8 output then
    /// clamps what the ReLU would have).
    /// </summary>
    public static (NodeProto[] Nodes, TensorProto[] Initializers) Rewrite(
        NodeProto conv, TensorProto weight, TensorProto? bias, ActivationRange input, ActivationRange output, int levels)
    {
        var outputs = (int)weight.Dims[0];
        var inputs = (int)(weight.Dims[1] * weight.Dims[2] * weight.Dims[3]);
        var (quantized, scales) = SymmetricInt8.QuantizePerOutput(WeightValues.Floats(weight), outputs, inputs, outputsAreRows: true, levels);
        var (xScale, xZero) = input.Uint8();
        var (yScale, yZero) = output.Uint8();
        var biasValues = bias is null ? new float[outputs] : WeightValues.Floats(bias);
        var biasQ = new int[outputs];
        for (var m = 0; m < outputs; m++) biasQ[m] = (int)Math.Round((double)biasValues[m] / ((double)xScale * scales[m]));

        var (name, y) = (weight.Name, conv.Output[0]);
        TensorProto[] tensors =
        [
            OnnxGraphBuilder.Tensor($"{name}.int8", DataType.Int8, MemoryMarshal.AsBytes(quantized.AsSpan()), [.. weight.Dims]),
            OnnxGraphBuilder.Tensor($"{name}.scale", DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), outputs),
            OnnxGraphBuilder.Tensor($"{name}.zero_point", DataType.Int8, new byte[outputs], outputs),
            OnnxGraphBuilder.Tensor($"{name}.bias_int32", DataType.Int32, MemoryMarshal.AsBytes(biasQ.AsSpan()), outputs),
            OnnxGraphBuilder.Tensor($"{y}.x_scale", DataType.Float, BitConverter.GetBytes(xScale)),
            OnnxGraphBuilder.Tensor($"{y}.x_zero_point", DataType.Uint8, [xZero]),
            OnnxGraphBuilder.Tensor($"{y}.y_scale", DataType.Float, BitConverter.GetBytes(yScale)),
            OnnxGraphBuilder.Tensor($"{y}.y_zero_point", DataType.Uint8, [yZero]),
        ];
        var integer = IntegerGemm.Node("QLinearConv", $"{y}.conv",
            [$"{y}.x_q", $"{y}.x_scale", $"{y}.x_zero_point", $"{name}.int8", $"{name}.scale", $"{name}.zero_point", $"{y}.y_scale", $"{y}.y_zero_point", $"{name}.bias_int32"],
            [$"{y}.y_q"]);
        integer.Attribute.AddRange(conv.Attribute);
        NodeProto[] nodes =
        [
            IntegerGemm.Node("QuantizeLinear", $"{y}.quantize", [conv.Input[0], $"{y}.x_scale", $"{y}.x_zero_point"], [$"{y}.x_q"]),
            integer,
            IntegerGemm.Node("DequantizeLinear", $"{y}.dequantize", [$"{y}.y_q", $"{y}.y_scale", $"{y}.y_zero_point"], [y]),
        ];
        return (nodes, tensors);
    }
}
