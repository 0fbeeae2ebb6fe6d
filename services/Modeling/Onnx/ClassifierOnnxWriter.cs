using System.Text.Json;
using Google.Protobuf;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Preprocessing;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Onnx;

/// <summary>
/// Writes a trained classifier as one self-contained ONNX file that takes the raw named columns:
/// one [N,1] input per feature (float with NaN for missing numbers, string with "" for missing
/// categories), the learned preprocessing, the family's scoring (here the MLP; trees in
/// <see cref="BoostedTreesOnnxWriter"/>), and two outputs, <c>label</c> [N] and
/// <c>probabilities</c> [N,classes]. TorchSharp has no exporter; the graph is small enough to write directly.
/// </summary>
public static class ClassifierOnnxWriter
{
    public const int OnnxOpset = 17;
    public const int MlOpset = 3;
    private const int IrVersion = 8;

    public static byte[] Write(FeaturePipeline pipeline, IReadOnlyList<DenseLayer> layers, IReadOnlyList<string> classes, string target)
    {
        var (graph, features) = Begin(pipeline, classes);
        var hidden = features;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var weight = graph.Floats($"layer{l}.weight", layer.Weight, layer.Outputs, layer.Inputs);
            var bias = graph.Floats($"layer{l}.bias", layer.Bias, layer.Outputs);
            hidden = graph.Node("Gemm", [hidden, weight, bias], $"layer{l}", Attribute("transB", 1));
            if (l < layers.Count - 1) hidden = graph.Node("Relu", [hidden], $"layer{l}.relu");
        }
        var probabilities = graph.Node("Softmax", [hidden], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        return Finish(graph, probabilities, pipeline, classes, target, layers.Count == 1 ? ModelFamilies.LogisticRegression : ModelFamilies.Mlp);
    }

    /// <summary>
    /// The graph's raw inputs and the learned preprocessing, ending in the [N, Width] feature vector
    /// every family scores (numbers first, then each one-hot block, as <see cref="FeaturePipeline.Transform"/>).
    /// </summary>
    internal static (OnnxGraphBuilder Graph, string Features) Begin(FeaturePipeline pipeline, IReadOnlyList<string> classes)
    {
        if (classes.Count < 2) throw new ArgumentException("A classifier has at least two classes.", nameof(classes));
        return Begin(pipeline, "tabular_classifier");
    }

    /// <summary>As above, for any task: a regression file (no classes) starts the same way (ADR 31).</summary>
    internal static (OnnxGraphBuilder Graph, string Features) Begin(FeaturePipeline pipeline, string graphName)
    {
        var graph = new OnnxGraphBuilder(graphName);
        foreach (var input in pipeline.Inputs)
            graph.Input(input.Column, input is NumericEncoder ? DataType.Float : DataType.String, "N", 1);

        var blocks = new List<string>();
        if (pipeline.Numeric.Count > 0) blocks.Add(WriteNumeric(graph, pipeline.Numeric));
        for (var i = 0; i < pipeline.Categorical.Count; i++) blocks.Add(WriteCategorical(graph, pipeline.Categorical[i], i));
        var features = blocks.Count == 1 ? blocks[0] : graph.Node("Concat", blocks.ToArray(), "features", Attribute("axis", 1));
        return (graph, features);
    }

    /// <summary>
    /// The outputs serving reads, from the family's <c>probabilities</c> [N,classes] (binary: negative
    /// class first): the label of the likeliest class, and the metadata. <paramref name="positiveClass"/>
    /// is a binary model's; a multiclass model has none.
    /// </summary>
    internal static byte[] Finish(OnnxGraphBuilder graph, string probabilities, FeaturePipeline pipeline, IReadOnlyList<string> classes, string target, string family)
    {
        var index = graph.Node("ArgMax", [probabilities], "class_index", Attribute("axis", 1), Attribute("keepdims", 0));
        graph.Node("LabelEncoder", MlDomain, [index], ModelMetadata.LabelOutput,
            Attribute("keys_int64s", Enumerable.Range(0, classes.Count).Select(i => (long)i)), Attribute("values_strings", classes), Attribute("default_string", ""));
        graph.Output(ModelMetadata.LabelOutput, DataType.String, "N");
        graph.Output(ModelMetadata.ProbabilitiesOutput, DataType.Float, "N", classes.Count);

        var model = NewModel(graph.Graph);
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadata.Classes, Value = JsonSerializer.Serialize(classes) });
        // Two classes are binary, the second positive (LabelledTable orders them so).
        if (classes.Count == 2) model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadata.PositiveClass, Value = classes[1] });
        AddCommonMetadata(model, pipeline, target, family);
        return model.ToByteArray();
    }

    /// <summary>What every file says about itself, whatever its task: its target, inputs and family.</summary>
    internal static void AddCommonMetadata(ModelProto model, FeaturePipeline pipeline, string target, string family)
    {
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadata.Target, Value = target });
        model.MetadataProps.Add(new StringStringEntryProto
        {
            Key = ModelMetadata.Features,
            Value = JsonSerializer.Serialize(pipeline.Inputs.Select(i => new { name = i.Column, kind = i is NumericEncoder ? "numeric" : "categorical" })),
        });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadata.Family, Value = family });
    }

    internal static ModelProto NewModel(GraphProto graph)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Platform.Modeling",
            ProducerVersion = typeof(ClassifierOnnxWriter).Assembly.GetName().Version?.ToString() ?? "1.0",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxOpset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxGraphBuilder.MlDomain, Version = MlOpset });
        return model;
    }

    private static string WriteNumeric(OnnxGraphBuilder graph, IReadOnlyList<NumericEncoder> numeric)
    {
        var count = numeric.Count;
        var raw = count == 1
            ? numeric[0].Column
            : graph.Node("Concat", numeric.Select(n => n.Column).ToArray(), "numeric.raw", Attribute("axis", 1));
        var missing = graph.Node("IsNaN", [raw], "numeric.missing");
        var medians = graph.Floats("numeric.median", numeric.Select(n => n.Median).ToArray(), count);
        var means = graph.Floats("numeric.mean", numeric.Select(n => n.Mean).ToArray(), count);
        var scales = graph.Floats("numeric.scale", numeric.Select(n => n.Scale).ToArray(), count);
        var imputed = graph.Node("Where", [missing, medians, raw], "numeric.imputed");
        var centred = graph.Node("Sub", [imputed, means], "numeric.centred");
        return graph.Node("Div", [centred, scales], "numeric.scaled");
    }

    private static string WriteCategorical(OnnxGraphBuilder graph, CategoricalEncoder encoder, int position)
    {
        var prefix = $"categorical{position}";
        var other = encoder.Categories.Count;
        // "" is how a missing category arrives; it takes the train mode's slot, as in training.
        var keys = encoder.Categories.Append("").ToArray();
        var values = Enumerable.Range(0, other).Select(i => (long)i).Append(encoder.IndexOf(null)).ToArray();
        var index = graph.Node("LabelEncoder", MlDomain, [encoder.Column], $"{prefix}.index",
            Attribute("keys_strings", keys), Attribute("values_int64s", values), Attribute("default_int64", other));
        var depth = graph.Int64s($"{prefix}.depth", [other + 1L]);
        var onOff = graph.Floats($"{prefix}.values", [0f, 1f], 2);
        var oneHot = graph.Node("OneHot", [index, depth, onOff], $"{prefix}.onehot3d", Attribute("axis", -1));
        var shape = graph.Int64s($"{prefix}.shape", [-1L, other + 1L], 2);
        return graph.Node("Reshape", [oneHot, shape], $"{prefix}.onehot");
    }
}
