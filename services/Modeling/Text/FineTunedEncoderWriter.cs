using System.Runtime.InteropServices;
using System.Text.Json;
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
        var headWeight = builder.Floats("head.weight", Values(head.Classifier.weight!), classes.Count, encoder.Hidden);
        var headBias = builder.Floats("head.bias", Values(head.Classifier.bias!), classes.Count);
        var logits = builder.Node("Gemm", [pooled, headWeight, headBias], "logits", Attribute("transB", 1));
        var probabilities = builder.Node("Softmax", [logits], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        var index = builder.Node("ArgMax", [probabilities], "class_index", Attribute("axis", 1), Attribute("keepdims", 0));
        builder.Node("LabelEncoder", MlDomain, [index], ModelMetadata.LabelOutput,
            Attribute("keys_int64s", Enumerable.Range(0, classes.Count).Select(i => (long)i)), Attribute("values_strings", classes), Attribute("default_string", ""));
        builder.Output(ModelMetadata.LabelOutput, DataType.String, "N");
        builder.Output(ModelMetadata.ProbabilitiesOutput, DataType.Float, "N", classes.Count);
        RemoveUnread(builder.Graph);

        var model = new ModelProto
        {
            IrVersion = Math.Max(source.IrVersion, 8),
            ProducerName = "Platform.Modeling",
            ProducerVersion = typeof(FineTunedEncoderWriter).Assembly.GetName().Version?.ToString() ?? "1.0",
            Graph = builder.Graph,
        };
        // The encoder's nodes keep the operator set they were exported for; the tokenizer's and the head's exist in it too.
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = source.OpsetImport.Single(o => o.Domain is "" or "ai.onnx").Version });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = ClassifierOnnxWriter.MlOpset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = TokenizerGraph.ContribDomain, Version = 1 });
        Metadata(model, ModelMetadata.Classes, JsonSerializer.Serialize(classes));
        if (classes.Count == 2) Metadata(model, ModelMetadata.PositiveClass, classes[1]);
        Metadata(model, ModelMetadata.Target, target);
        Metadata(model, ModelMetadata.Features, JsonSerializer.Serialize(new[] { new { name = textColumn, kind = ModelMetadata.TextFeature } }));
        Metadata(model, ModelMetadata.Family, family);
        Metadata(model, ModelMetadata.BaseModel, encoder.Name);
        Metadata(model, ModelMetadata.MaxTokens, maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return model.ToByteArray();
    }

    private static float[] Values(TorchSharp.torch.Tensor tensor)
    {
        using var laidOut = tensor.detach().contiguous();
        return laidOut.data<float>().ToArray();
    }

    private static void Metadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

    /// <summary>Drops the nodes no output needs (the pooler) and the initializers no node reads.</summary>
    private static void RemoveUnread(GraphProto graph)
    {
        var needed = new HashSet<string>(graph.Output.Select(o => o.Name), StringComparer.Ordinal);
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
