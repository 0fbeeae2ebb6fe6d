using System.Runtime.InteropServices;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Compression;

/// <summary>
/// A Gemm weight stored as int8 (full range, one scale per output) behind a DequantizeLinear that
/// gives the Gemm its float weight back. The graph's arithmetic stays float: ONNX Runtime folds a
/// DequantizeLinear of constants into a float initializer once, at load, when the session sets
/// <c>session.disable_quant_qdq</c> (Inference and evaluation do), so the layer costs what it did in
/// fp32 and a quarter of the bytes on disk.
/// </summary>
internal static class DequantizedWeight
{
    public static (NodeProto Node, TensorProto[] Initializers) Rewrite(NodeProto gemm, TensorProto weight) =>
        Rewrite(weight, IntegerGemm.IsTransposed(gemm));

    /// <summary>
    /// A table of rows (a text model's token embeddings) with one scale per row: a row's values are
    /// of one token, and tokens differ in scale more than dimensions do (ADR 32).
    /// </summary>
    public static (NodeProto Node, TensorProto[] Initializers) RewriteTable(TensorProto table) => Rewrite(table, transposed: true);

    private static (NodeProto Node, TensorProto[] Initializers) Rewrite(TensorProto weight, bool transposed)
    {
        var rows = (int)weight.Dims[0];
        var columns = (int)weight.Dims[1];
        var outputs = transposed ? rows : columns;
        var (quantized, scales) = SymmetricInt8.QuantizePerOutput(WeightValues.Floats(weight), rows, columns, transposed, SymmetricInt8.FullLevels);

        var name = weight.Name;
        TensorProto[] initializers =
        [
            OnnxGraphBuilder.Tensor($"{name}.int8", DataType.Int8, MemoryMarshal.AsBytes(quantized.AsSpan()), rows, columns),
            OnnxGraphBuilder.Tensor($"{name}.scale", DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), outputs),
            OnnxGraphBuilder.Tensor($"{name}.zero_point", DataType.Int8, new byte[outputs], outputs),
        ];
        var dequantize = new NodeProto { OpType = "DequantizeLinear", Name = $"{name}.dequantize" };
        dequantize.Input.AddRange(initializers.Select(t => t.Name));
        // The Gemm keeps reading the weight by its old name, now the dequantized value.
        dequantize.Output.Add(name);
        dequantize.Attribute.Add(OnnxGraphBuilder.Attribute("axis", transposed ? 0 : 1));
        return (dequantize, initializers);
    }
}
