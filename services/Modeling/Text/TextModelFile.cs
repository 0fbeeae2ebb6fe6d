using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Text;

/// <summary>
/// What every text model's file ends with (ADR 32), teacher or student: the label of the likeliest
/// class, the outputs serving reads, and the metadata that says it takes one free-text input.
/// </summary>
internal static class TextModelFile
{
    /// <param name="graph">The graph, its <c>probabilities</c> [N, classes] computed.</param>
    /// <param name="opset">The default domain's operator set the graph's nodes were written for.</param>
    /// <param name="metadata">The family's own entries (its base model, its teacher…).</param>
    public static byte[] Finish(OnnxGraphBuilder graph, long opset, long irVersion, string probabilities, string textColumn, int maxTokens,
        IReadOnlyList<string> classes, string target, string family, params (string Key, string Value)[] metadata)
    {
        var index = graph.Node("ArgMax", [probabilities], "class_index", Attribute("axis", 1), Attribute("keepdims", 0));
        graph.Node("LabelEncoder", MlDomain, [index], ModelMetadata.LabelOutput,
            Attribute("keys_int64s", Enumerable.Range(0, classes.Count).Select(i => (long)i)), Attribute("values_strings", classes), Attribute("default_string", ""));
        graph.Output(ModelMetadata.LabelOutput, DataType.String, "N");
        graph.Output(ModelMetadata.ProbabilitiesOutput, DataType.Float, "N", classes.Count);

        var model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = "Platform.Modeling",
            ProducerVersion = typeof(TextModelFile).Assembly.GetName().Version?.ToString() ?? "1.0",
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = ClassifierOnnxWriter.MlOpset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = TokenizerGraph.ContribDomain, Version = 1 });
        Add(model, ModelMetadata.Classes, JsonSerializer.Serialize(classes));
        // Two classes are binary, the second positive (LabelledTable orders them so).
        if (classes.Count == 2) Add(model, ModelMetadata.PositiveClass, classes[1]);
        Add(model, ModelMetadata.Target, target);
        Add(model, ModelMetadata.Features, JsonSerializer.Serialize(new[] { new { name = textColumn, kind = ModelMetadata.TextFeature } }));
        Add(model, ModelMetadata.Family, family);
        Add(model, ModelMetadata.MaxTokens, maxTokens.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in metadata) Add(model, key, value);
        return model.ToByteArray();
    }

    /// <summary>A trained tensor's values, row-major, for an initializer.</summary>
    public static float[] Values(TorchSharp.torch.Tensor tensor)
    {
        using var laidOut = tensor.detach().contiguous();
        return laidOut.data<float>().ToArray();
    }

    private static void Add(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
