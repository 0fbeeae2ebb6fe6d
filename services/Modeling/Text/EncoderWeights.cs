using System.Runtime.InteropServices;
using Platform.Modeling.Onnx.Proto;

namespace Platform.Modeling.Text;

/// <summary>
/// A BERT graph's float initializers under Hugging Face's parameter names. The exporter numbered
/// the MatMul weights ("927", …) and stored them [in, out]; each is named here after the bias whose
/// Add consumes the MatMul's output ("encoder.layer.3.attention.self.key.bias" gives
/// "…key.weight"), so fine-tuned weights can be written back into the same initializers.
/// </summary>
internal static class EncoderWeights
{
    /// <param name="Initializer">The graph's initializer that holds it.</param>
    /// <param name="MatMul">Stored [in, out] for a MatMul (a torch Linear holds [out, in]).</param>
    public sealed record Weight(TensorProto Initializer, bool MatMul)
    {
        public long[] Dims => [.. Initializer.Dims];

        public float[] Values() => Floats(Initializer);
    }

    public static float[] Floats(TensorProto tensor) =>
        tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];

    public static Dictionary<string, Weight> Named(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var named = new Dictionary<string, Weight>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
            if (tensor.DataType == (int)TensorProto.Types.DataType.Float && !char.IsDigit(tensor.Name[0])) named[tensor.Name] = new Weight(tensor, false);
        var consumers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node, StringComparer.Ordinal);
        foreach (var matMul in graph.Node.Where(n => n.OpType == "MatMul" && initializers.ContainsKey(n.Input[1])))
        {
            var add = consumers[matMul.Output[0]].Single(n => n.OpType == "Add");
            var bias = add.Input.Single(i => i != matMul.Output[0]);
            if (!bias.EndsWith(".bias", StringComparison.Ordinal))
                throw new InvalidDataException($"The encoder's MatMul {matMul.Name} is followed by an Add of {bias}, not of a bias.");
            named[bias[..^".bias".Length] + ".weight"] = new Weight(initializers[matMul.Input[1]], true);
        }
        return named;
    }
}
