using System.Runtime.InteropServices;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Compression;

/// <summary>
/// One Gemm <c>Y = X·Wᵀ + b</c> (or <c>X·W + b</c>), or a MatMul <c>Y = X·W</c> of any rank, rewritten so that the product runs in integers:
/// <code>
/// DynamicQuantizeLinear(X)           → X_q (uint8), X_scale, X_zero_point    one scale per call
/// MatMulInteger(X_q, W_q, X_zp)      → int32 [M, N]                          W_q int8 [K, N], zero point 0
/// Cast(float) · (X_scale · W_scale)  → float [M, N]                          W_scale one per output column
/// + b                                → Y
/// </code>
/// Standard operators only (opset 11+), so the file stays portable. ONNX Runtime's CPU provider
/// fuses this exact shape into one <c>DynamicQuantizeMatMul</c> at its default optimization level
/// (MatMulIntegerToFloatFusion, then DynamicQuantizeMatMulFusion): the inner Mul must take the
/// activations' scale first, the Add must take the constant bias second, and each value must feed
/// one node only, as written here.
/// </summary>
internal static class IntegerGemm
{
    /// <summary>
    /// The Gemm's float weight when it can be quantized: a 2-D float initializer that only this node
    /// uses, the default alpha, beta and transA, and a 1-D constant bias if there is one (what the
    /// fused kernel accepts).
    /// </summary>
    public static TensorProto? WeightOf(NodeProto node, IReadOnlyDictionary<string, TensorProto> initializers, IReadOnlyDictionary<string, int> uses)
    {
        // A transformer's dense layers are MatMuls of [batch, tokens, inputs] by a constant [inputs, outputs], their bias a separate Add.
        if (node.OpType is not ("Gemm" or "MatMul") || node.Domain is { Length: > 0 } || node.Input.Count < 2) return null;
        foreach (var attribute in node.Attribute)
        {
            var isDefault = attribute.Name switch
            {
                "alpha" or "beta" => attribute.F == 1f,
                "transA" => attribute.I == 0,
                "transB" => true,
                _ => false,
            };
            if (!isDefault) return null;
        }
        if (!initializers.TryGetValue(node.Input[1], out var weight) || weight.DataType != (int)DataType.Float || weight.Dims.Count != 2) return null;
        if (uses.GetValueOrDefault(weight.Name) != 1) return null;
        if (node.Input.Count > 2 && !(initializers.TryGetValue(node.Input[2], out var bias) && bias.Dims.Count == 1)) return null;
        return weight;
    }

    /// <summary>Whether the Gemm holds its weight as [outputs, inputs] (transB = 1, a torch Linear's layout).</summary>
    public static bool IsTransposed(NodeProto gemm) => gemm.Attribute.Any(a => a.Name == "transB" && a.I == 1);

    /// <summary>The nodes that replace <paramref name="gemm"/>, and the initializers they need instead of <paramref name="weight"/>.</summary>
    public static (NodeProto[] Nodes, TensorProto[] Initializers) Rewrite(NodeProto gemm, TensorProto weight, int levels)
    {
        var transposed = IsTransposed(gemm);
        var rows = (int)weight.Dims[0];
        var columns = (int)weight.Dims[1];
        var (quantized, scales) = SymmetricInt8.QuantizePerOutput(WeightValues.Floats(weight), rows, columns, outputsAreRows: transposed, levels);
        // MatMulInteger takes B as [K, N]; a torch Linear's weight (transB = 1) is [N, K].
        var (inputs, outputs) = transposed ? (columns, rows) : (rows, columns);
        if (transposed) quantized = Transpose(quantized, rows, columns);

        var name = weight.Name;
        var y = gemm.Output[0];
        var weightQ = OnnxGraphBuilder.Tensor($"{name}.int8", DataType.Int8, MemoryMarshal.AsBytes(quantized.AsSpan()), inputs, outputs);
        var weightScale = OnnxGraphBuilder.Tensor($"{name}.scale", DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), outputs);

        var hasBias = gemm.Input.Count > 2 && gemm.Input[2].Length > 0;
        var scaled = hasBias ? $"{y}.scaled" : y;
        List<NodeProto> nodes =
        [
            Node("DynamicQuantizeLinear", $"{y}.quantize", [gemm.Input[0]], [$"{y}.x_q", $"{y}.x_scale", $"{y}.x_zero_point"]),
            Node("MatMulInteger", $"{y}.matmul", [$"{y}.x_q", weightQ.Name, $"{y}.x_zero_point"], [$"{y}.int32"]),
            Node("Cast", $"{y}.cast", [$"{y}.int32"], [$"{y}.float"], OnnxGraphBuilder.Attribute("to", (long)DataType.Float)),
            Node("Mul", $"{y}.scales", [$"{y}.x_scale", weightScale.Name], [$"{y}.scale"]),
            Node("Mul", $"{y}.rescale", [$"{y}.float", $"{y}.scale"], [scaled]),
        ];
        if (hasBias) nodes.Add(Node("Add", $"{y}.bias", [scaled, gemm.Input[2]], [y]));
        return (nodes.ToArray(), [weightQ, weightScale]);
    }

    internal static NodeProto Node(string opType, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static sbyte[] Transpose(sbyte[] values, int rows, int columns)
    {
        var transposed = new sbyte[values.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                transposed[c * rows + r] = values[r * columns + c];
        return transposed;
    }
}
