using System.Runtime.InteropServices;
using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Text;

/// <summary>
/// Writes a fine-tuned encoder as one classifier file that takes raw text (ADR 32): the tokenizer's
/// nodes, then the pretrained graph itself with the fine-tuned weights written back into its own
/// initializers, then mean pooling over the real tokens and the head. The token types (all 0 for one
/// text) are folded into a constant and the pooler, which nothing reads, is dropped.
/// </summary>
internal static class FineTunedEncoderWriter
{
    private const string EncoderIds = "input_ids";
    private const string EncoderMask = "attention_mask";
    private const string EncoderOutput = "last_hidden_state";

    public static byte[] Write(
        byte[] pretrained, PretrainedEncoder encoder, string vocabulary, int maxTokens, BertEncoder weights, MeanPoolHead head,
        string textColumn, IReadOnlyList<string> classes, string target, string family)
    {
        var source = ModelProto.Parser.ParseFrom(pretrained);
        var graph = source.Graph;
        var named = EncoderWeights.Named(graph);
        foreach (var (name, values) in weights.Export())
        {
            var initializer = named[name].Initializer;
            initializer.FloatData.Clear();
            initializer.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        var builder = new OnnxGraphBuilder($"{family}.{encoder.Name}");
        builder.Input(textColumn, DataType.String, "N", 1);
        var (ids, mask) = TokenizerGraph.Append(builder, textColumn, vocabulary, maxTokens);

        // The token types: one text is segment 0, so their embedding is the table's first row, added to every token.
        var typeLookup = graph.Node.Single(n => n.OpType == "Gather" && n.Input[0] == "embeddings.token_type_embeddings.weight");
        var typeRow = EncoderWeights.Floats(graph.Initializer.Single(t => t.Name == "embeddings.token_type_embeddings.weight")).AsSpan(0, encoder.Hidden);
        var typeConstant = builder.Floats("encoder.token_type_row", typeRow, encoder.Hidden);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EncoderIds] = ids, [EncoderMask] = mask, [typeLookup.Output[0]] = typeConstant,
        };
        foreach (var node in graph.Node)
        {
            if (node == typeLookup) continue;
            for (var i = 0; i < node.Input.Count; i++)
                if (renamed.TryGetValue(node.Input[i], out var to)) node.Input[i] = to;
            node.Name = "encoder/" + node.Name;
            builder.Graph.Node.Add(node);
        }
        builder.Graph.Initializer.AddRange(graph.Initializer);

        // Mean pooling over the real tokens, then the head's logits and their softmax.
        var maskFloat = builder.Node("Cast", [mask], "pool.mask_float", Attribute("to", (long)DataType.Float));
        var axis2 = builder.Int64s("pool.axis2", [2L], 1);
        var axis1 = builder.Int64s("pool.axis1", [1L], 1);
        var mask3 = builder.Node("Unsqueeze", [maskFloat, axis2], "pool.mask3");
        var masked = builder.Node("Mul", [EncoderOutput, mask3], "pool.masked");
        var sum = builder.Node("ReduceSum", [masked, axis1], "pool.sum", Attribute("keepdims", 0));
        var count = builder.Node("ReduceSum", [mask3, axis1], "pool.count", Attribute("keepdims", 0));
        var floor = builder.Floats("pool.floor", [1e-9f], 1);
        var safeCount = builder.Node("Max", [count, floor], "pool.safe_count");
        var pooled = builder.Node("Div", [sum, safeCount], "pooled");
        var headWeight = builder.Floats("head.weight", TextModelFile.Values(head.Classifier.weight!), classes.Count, encoder.Hidden);
        var headBias = builder.Floats("head.bias", TextModelFile.Values(head.Classifier.bias!), classes.Count);
        var logits = builder.Node("Gemm", [pooled, headWeight, headBias], "logits", Attribute("transB", 1));
        var probabilities = builder.Node("Softmax", [logits], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        RemoveUnread(builder.Graph, probabilities);
        // The encoder's nodes keep the operator set they were exported for; the tokenizer's and the head's exist in it too.
        return TextModelFile.Finish(builder, source.OpsetImport.Single(o => o.Domain is "" or "ai.onnx").Version, Math.Max(source.IrVersion, 8),
            probabilities, textColumn, maxTokens, classes, target, family, (ModelMetadata.BaseModel, encoder.Name));
    }

    /// <summary>Drops the nodes that <paramref name="outputs"/> do not need (the pooler) and the initializers no node reads.</summary>
    private static void RemoveUnread(GraphProto graph, params string[] outputs)
    {
        var needed = new HashSet<string>(outputs, StringComparer.Ordinal);
        var kept = new List<NodeProto>();
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (!node.Output.Any(needed.Contains)) continue;
            kept.Add(node);
            foreach (var input in node.Input) needed.Add(input);
            // A loop's body reads values of the outer graph by name.
            foreach (var body in node.Attribute.Where(a => a.G is not null))
                foreach (var inner in body.G.Node.SelectMany(n => n.Input)) needed.Add(inner);
        }
        kept.Reverse();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        var unread = graph.Initializer.Where(t => !needed.Contains(t.Name)).ToList();
        foreach (var tensor in unread) graph.Initializer.Remove(tensor);
    }
}
