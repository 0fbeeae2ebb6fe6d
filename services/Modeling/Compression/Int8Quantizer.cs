using System.Runtime.InteropServices;
using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Compression;

/// <summary>
/// Weight-only int8 quantization of an ONNX file: each float weight matrix of a Gemm becomes int8
/// values with one symmetric scale per output row, and a DequantizeLinear in front of the Gemm.
/// ONNX Runtime runs the result as is; inputs, outputs and preprocessing are untouched.
/// </summary>
public static class Int8Quantizer
{
    /// <summary>Matrices smaller than this gain nothing worth a node.</summary>
    public const int MinimumElements = 256;

    public static byte[] Quantize(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var weights = graph.Node
            .Where(n => n.OpType == "Gemm" && n.Input.Count > 1)
            .Select(n => (Node: n, Transposed: n.Attribute.Any(a => a.Name == "transB" && a.I == 1)))
            .Where(w => initializers.TryGetValue(w.Node.Input[1], out var t) && t.DataType == (int)DataType.Float && t.Dims.Count == 2)
            .DistinctBy(w => w.Node.Input[1])
            .ToArray();

        var dequantizers = new List<NodeProto>();
        foreach (var (node, transposed) in weights)
        {
            var tensor = initializers[node.Input[1]];
            var values = Floats(tensor);
            if (values.Length < MinimumElements) continue;
            // Gemm with transB holds the weight as [out, in]; without it as [in, out]. Scales go per output.
            var rows = (int)tensor.Dims[0];
            var columns = (int)tensor.Dims[1];
            var outputs = transposed ? rows : columns;
            var (quantized, scales) = QuantizePerOutput(values, rows, columns, transposed);

            var name = tensor.Name;
            graph.Initializer.Remove(tensor);
            graph.Initializer.Add(OnnxGraphBuilder.Tensor($"{name}.int8", DataType.Int8, MemoryMarshal.AsBytes(quantized.AsSpan()), rows, columns));
            graph.Initializer.Add(OnnxGraphBuilder.Tensor($"{name}.scale", DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), outputs));
            graph.Initializer.Add(OnnxGraphBuilder.Tensor($"{name}.zero_point", DataType.Int8, new byte[outputs], outputs));

            var dequantize = new NodeProto { OpType = "DequantizeLinear", Name = $"{name}.dequantize" };
            dequantize.Input.AddRange([$"{name}.int8", $"{name}.scale", $"{name}.zero_point"]);
            dequantize.Output.Add(name);
            dequantize.Attribute.Add(OnnxGraphBuilder.Attribute("axis", transposed ? 0 : 1));
            dequantizers.Add(dequantize);
        }
        if (dequantizers.Count == 0) throw new InvalidOperationException("The model has no float weight matrix large enough to quantize.");

        for (var i = dequantizers.Count - 1; i >= 0; i--) graph.Node.Insert(0, dequantizers[i]);
        var opset = proto.OpsetImport.First(o => o.Domain == "");
        if (opset.Version < 13) opset.Version = 13;
        proto.MetadataProps.Add(new StringStringEntryProto
        {
            Key = ModelMetadata.Quantization,
            Value = "int8 weights, symmetric, one scale per output channel (DequantizeLinear)",
        });
        return proto.ToByteArray();
    }

    internal static (sbyte[] Values, float[] Scales) QuantizePerOutput(float[] weights, int rows, int columns, bool outputsAreRows)
    {
        var outputs = outputsAreRows ? rows : columns;
        var scales = new float[outputs];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var o = outputsAreRows ? r : c;
                scales[o] = Math.Max(scales[o], Math.Abs(weights[r * columns + c]));
            }
        for (var o = 0; o < outputs; o++) scales[o] = scales[o] > 0 ? scales[o] / 127f : 1f;

        var quantized = new sbyte[weights.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var scale = scales[outputsAreRows ? r : c];
                quantized[r * columns + c] = (sbyte)Math.Clamp(MathF.Round(weights[r * columns + c] / scale), -127, 127);
            }
        return (quantized, scales);
    }

    private static float[] Floats(TensorProto tensor) =>
        tensor.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : tensor.FloatData.ToArray();
}
