using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;

namespace Platform.Modeling.Compression;

/// <summary>
/// int8 quantization of a classifier file that pays in time as well as bytes (ADR 15). Every Gemm
/// weight matrix of at least <see cref="Int8QuantizationOptions.MinimumElements"/> is stored as int8
/// with one symmetric scale per output. Those of at least
/// <see cref="Int8QuantizationOptions.IntegerComputeMinimumElements"/> compute in integers
/// (<see cref="IntegerGemm"/>: activations quantized per call, MatMulInteger); the smaller ones,
/// where quantizing the activations costs more than the integer product saves, get their float
/// weight back at load (<see cref="DequantizedWeight"/>). Inputs, outputs and preprocessing are
/// untouched, so the file keeps the interface of ADR 3. Given calibration ranges, a 2-D convolution
/// with enough inputs per output (<see cref="Int8QuantizationOptions.IntegerConvMinimumInputs"/>)
/// computes in int8 too (<see cref="IntegerConv"/>, QLinearConv).
/// </summary>
public static class Int8Quantizer
{
    /// <summary>The first opset with DynamicQuantizeLinear (MatMulInteger is 10, per-axis DequantizeLinear 13).</summary>
    private const int MinimumOpset = 13;

    /// <param name="ranges">
    /// The ranges a graph's tensors take on calibration inputs: given, the convolutions compute in int8
    /// too (statically quantized, <see cref="IntegerConv"/>); null, they stay float.
    /// </param>
    public static byte[] Quantize(byte[] model, Int8QuantizationOptions? options = null, ActivationRanges? ranges = null)
    {
        options ??= Int8QuantizationOptions.Default;
        var proto = ModelProto.Parser.ParseFrom(model);
        // A tree ensemble has thresholds and leaves, no weight matrix: nothing here applies to it.
        if (proto.MetadataProps.FirstOrDefault(p => p.Key == ModelMetadata.Family)?.Value is ModelFamilies.BoostedTrees)
            throw new InvalidOperationException("The model is a tree ensemble; int8 quantization rewrites a network's weight matrices.");
        var graph = proto.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var uses = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name))
            .GroupBy(name => name).ToDictionary(g => g.Key, g => g.Count());

        // Static quantization of the convolutions needs the ranges their inputs and outputs take: asked once for all of them.
        var convolutionRanges = ranges is null ? null : RangesOfConvolutions(graph, initializers, uses, options, ranges);
        List<string> integer = [], dequantized = [], convolutions = [];
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var gemm = graph.Node[i];
            if (convolutionRanges is not null && IntegerConv.WeightOf(gemm, initializers, uses, options.IntegerConvMinimumInputs) is { } kernel)
            {
                var bias = IntegerConv.BiasName(gemm) is { } biasName ? initializers[biasName] : null;
                graph.Initializer.Remove(kernel);
                if (bias is not null && uses.GetValueOrDefault(bias.Name) == 1) graph.Initializer.Remove(bias);
                var output = convolutionRanges[gemm.Output[0]];
                // Followed by a ReLU alone, the output needs no negative steps: the uint8 output's floor is the ReLU.
                if (uses.GetValueOrDefault(gemm.Output[0]) == 1 && graph.Node.FirstOrDefault(n => n.Input.Contains(gemm.Output[0]))?.OpType == "Relu") output = output with { Min = 0 };
                var (convNodes, convTensors) = IntegerConv.Rewrite(gemm, kernel, bias, convolutionRanges[gemm.Input[0]], output, options.IntegerWeightLevels);
                graph.Initializer.AddRange(convTensors);
                graph.Node.RemoveAt(i);
                for (var n = 0; n < convNodes.Length; n++) graph.Node.Insert(i + n, convNodes[n]);
                i += convNodes.Length - 1;
                convolutions.Add($"{kernel.Name} ({kernel.Dims[1]}×{kernel.Dims[2]}×{kernel.Dims[3]} → {kernel.Dims[0]} channels)");
                continue;
            }
            if (EmbeddingTable(gemm, initializers, uses) is { } table && table.Dims[0] * table.Dims[1] >= options.MinimumElements)
            {
                graph.Initializer.Remove(table);
                var (dequantizeTable, tableTensors) = DequantizedWeight.RewriteTable(table);
                graph.Initializer.AddRange(tableTensors);
                graph.Node.Insert(i, dequantizeTable);
                i++;
                dequantized.Add($"{table.Name} ({table.Dims[0]} rows of {table.Dims[1]})");
                continue;
            }
            if (IntegerGemm.WeightOf(gemm, initializers, uses) is not { } weight) continue;
            var elements = weight.Dims[0] * weight.Dims[1];
            if (elements < options.MinimumElements) continue;

            graph.Initializer.Remove(weight);
            var (inputs, outputs) = IntegerGemm.IsTransposed(gemm) ? (weight.Dims[1], weight.Dims[0]) : (weight.Dims[0], weight.Dims[1]);
            var shape = $"{weight.Name} ({inputs} → {outputs})";
            if (elements >= options.IntegerComputeMinimumElements)
            {
                var (nodes, tensors) = IntegerGemm.Rewrite(gemm, weight, options.IntegerWeightLevels);
                graph.Initializer.AddRange(tensors);
                // In place of the Gemm: ONNX wants the nodes in topological order.
                graph.Node.RemoveAt(i);
                for (var n = 0; n < nodes.Length; n++) graph.Node.Insert(i + n, nodes[n]);
                i += nodes.Length - 1;
                integer.Add(shape);
            }
            else
            {
                var (dequantize, tensors) = DequantizedWeight.Rewrite(gemm, weight);
                graph.Initializer.AddRange(tensors);
                graph.Node.Insert(i, dequantize);
                i++;
                dequantized.Add(shape);
            }
        }
        if (integer.Count + dequantized.Count + convolutions.Count == 0) throw new InvalidOperationException("The model has no float weight matrix large enough to quantize.");

        var opset = proto.OpsetImport.First(o => o.Domain is "" or "ai.onnx");
        if (opset.Version < MinimumOpset) opset.Version = MinimumOpset;
        proto.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadata.Quantization, Value = Describe(integer, dequantized, convolutions, options) });
        return proto.ToByteArray();
    }

    private static IReadOnlyDictionary<string, ActivationRange>? RangesOfConvolutions(
        GraphProto graph, IReadOnlyDictionary<string, TensorProto> initializers, IReadOnlyDictionary<string, int> uses, Int8QuantizationOptions options, ActivationRanges ranges)
    {
        var tensors = graph.Node.Where(n => IntegerConv.WeightOf(n, initializers, uses, options.IntegerConvMinimumInputs) is not null)
            .SelectMany(n => new[] { n.Input[0], n.Output[0] }).Distinct().ToArray();
        return tensors.Length == 0 ? null : ranges(tensors);
    }

    /// <summary>
    /// The float table a Gather looks rows up in (a text model's token and position embeddings), when
    /// only that node reads it: most of a transformer's bytes are its vocabulary's embeddings.
    /// </summary>
    private static TensorProto? EmbeddingTable(NodeProto node, IReadOnlyDictionary<string, TensorProto> initializers, IReadOnlyDictionary<string, int> uses) =>
        node.OpType == "Gather" && node.Domain is not { Length: > 0 } && node.Input.Count == 2
        && !node.Attribute.Any(a => a.Name == "axis" && a.I != 0)
        && initializers.TryGetValue(node.Input[0], out var table) && table.DataType == (int)TensorProto.Types.DataType.Float
        && table.Dims.Count == 2 && uses.GetValueOrDefault(table.Name) == 1
            ? table
            : null;

    /// <summary>What the metadata says: which layers compute in int8 and which only store int8, without reading the graph.</summary>
    private static string Describe(List<string> integer, List<string> dequantized, List<string> convolutions, Int8QuantizationOptions options)
    {
        var parts = new List<string>();
        if (convolutions.Count > 0)
            parts.Add($"int8 compute in the convolutions {string.Join(", ", convolutions)}: activations uint8 at scales calibrated beforehand (QuantizeLinear), " +
                      $"weights int8 ±{options.IntegerWeightLevels} per channel, QLinearConv");
        if (integer.Count > 0)
            parts.Add($"int8 compute in {string.Join(", ", integer)}: activations uint8 per call (DynamicQuantizeLinear), " +
                      $"weights int8 ±{options.IntegerWeightLevels}, MatMulInteger");
        if (dequantized.Count > 0)
            parts.Add($"int8 weights, float compute in {string.Join(", ", dequantized)}: DequantizeLinear, ±{SymmetricInt8.FullLevels}, folded at load");
        parts.Add("weights symmetric with one scale per output");
        return string.Join("; ", parts);
    }
}
