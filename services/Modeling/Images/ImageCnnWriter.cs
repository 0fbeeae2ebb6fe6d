using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Text;
using TorchSharp.Modules;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Images;

/// <summary>
/// Writes a trained <see cref="ImageCnn"/> as one classifier file (issue 17): its input is the image's
/// pixels as they are (0–255, [N, channels, height, width]), the normalisation it trained under is
/// its first node, batch normalisation is folded into the convolutions before it (an inference-time
/// identity), and it ends like every classifier, with <c>probabilities</c> and <c>label</c>.
/// </summary>
internal static class ImageCnnWriter
{
    public const string DefaultInput = "image";

    /// <summary>The mirrored images' tensor in a file whose network answers for an image and its mirror (<see cref="ImageCnn.Mirrored"/>).</summary>
    public const string MirroredOutput = "image.mirrored";

    /// <summary>Whether a file this writer wrote averages over each image and its mirror.</summary>
    public static bool IsMirrored(GraphProto graph) => graph.Node.Any(n => n.Output.Contains(MirroredOutput));

    public static byte[] Write(TrainedImageCnn trained, string imageColumn, IReadOnlyList<string> classes, string target)
    {
        if (classes.Count != trained.Classes) throw new ArgumentException($"The network has {trained.Classes} classes; {classes.Count} names were given.");
        var network = trained.Network;
        var shape = network.Shape;
        var graph = new OnnxGraphBuilder(ModelFamilies.ImageCnn);
        graph.Input(imageColumn, DataType.Float, "N", shape.Channels, shape.Height, shape.Width);

        var scale = new float[shape.Channels];
        var shift = new float[shape.Channels];
        for (var c = 0; c < shape.Channels; c++) (scale[c], shift[c]) = trained.Normalisation.Affine(c);
        var scaled = graph.Node("Mul", [imageColumn, graph.Floats("image.scale", scale, shape.Channels, 1, 1)], "image.scaled");
        var x = graph.Node("Add", [scaled, graph.Floats("image.shift", shift, shape.Channels, 1, 1)], "image.normalised");
        if (network.Mirrored)
        {
            // The images and their mirrors (the width read backwards) as one batch of 2N; the logits' two halves are averaged below.
            var mirrored = graph.Node("Slice", [x, graph.Int64s("mirror.starts", [-1], 1), graph.Int64s("mirror.ends", [long.MinValue], 1),
                graph.Int64s("mirror.axes", [3], 1), graph.Int64s("mirror.steps", [-1], 1)], MirroredOutput);
            x = graph.Node("Concat", [x, mirrored], "image.both", Attribute("axis", 0));
        }

        x = Block(graph, x, network.First, network.FirstNorm, "first");
        x = Block(graph, x, network.Second, network.SecondNorm, "second");
        x = graph.Node("Flatten", [x], "flattened", Attribute("axis", 1));
        x = graph.Node("Relu", [Dense(graph, x, network.Hidden, "hidden")], "hidden.relu");
        var logits = Dense(graph, x, network.Classifier, "logits");
        if (network.Mirrored)
        {
            var halves = graph.Node("Reshape", [logits, graph.Int64s("logits.halves_shape", [2, -1, trained.Classes], 3)], "logits.halves");
            logits = graph.Node("ReduceMean", [halves], "logits.mirror_mean", Attribute("axes", [0L]), Attribute("keepdims", 0));
        }
        var probabilities = graph.Node("Softmax", [logits], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));

        var index = graph.Node("ArgMax", [probabilities], "class_index", Attribute("axis", 1), Attribute("keepdims", 0));
        graph.Node("LabelEncoder", MlDomain, [index], ModelMetadata.LabelOutput,
            Attribute("keys_int64s", Enumerable.Range(0, classes.Count).Select(i => (long)i)), Attribute("values_strings", classes), Attribute("default_string", ""));
        graph.Output(ModelMetadata.LabelOutput, DataType.String, "N");
        graph.Output(ModelMetadata.ProbabilitiesOutput, DataType.Float, "N", classes.Count);

        var model = new ModelProto { IrVersion = 8, ProducerName = "Platform.Modeling", Graph = graph.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = ClassifierOnnxWriter.OnnxOpset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = ClassifierOnnxWriter.MlOpset });
        Add(model, ModelMetadata.Classes, JsonSerializer.Serialize(classes));
        if (classes.Count == 2) Add(model, ModelMetadata.PositiveClass, classes[1]);
        Add(model, ModelMetadata.Target, target);
        Add(model, ModelMetadata.Features, JsonSerializer.Serialize(new[]
        {
            new { name = imageColumn, kind = ModelMetadata.ImageFeature, channels = shape.Channels, height = shape.Height, width = shape.Width },
        }));
        Add(model, ModelMetadata.Family, ModelFamilies.ImageCnn);
        Add(model, "epochs", trained.Epoch.ToString(CultureInfo.InvariantCulture));
        return model.ToByteArray();
    }

    /// <summary>Convolution with the batch normalisation folded in (w·γ/σ, (b − μ)·γ/σ + β), ReLU, 2×2 max pooling.</summary>
    private static string Block(OnnxGraphBuilder graph, string x, Conv2d convolution, ChannelNorm norm, string name)
    {
        var weight = TextModelFile.Values(convolution.weight!);
        var bias = TextModelFile.Values(convolution.bias!);
        var (gamma, beta) = (TextModelFile.Values(norm.Scale), TextModelFile.Values(norm.Shift));
        var (mean, variance) = (TextModelFile.Values(norm.RunningMean), TextModelFile.Values(norm.RunningVariance));
        var perChannel = weight.Length / bias.Length;
        for (var c = 0; c < bias.Length; c++)
        {
            var factor = gamma[c] / MathF.Sqrt(variance[c] + (float)ChannelNorm.Epsilon);
            for (var i = 0; i < perChannel; i++) weight[c * perChannel + i] *= factor;
            bias[c] = (bias[c] - mean[c]) * factor + beta[c];
        }
        var w = graph.Floats($"{name}.weight", weight, convolution.weight!.shape);
        var b = graph.Floats($"{name}.bias", bias, bias.Length);
        var y = graph.Node("Conv", [x, w, b], $"{name}.conv", Attribute("pads", [1L, 1, 1, 1]));
        var relu = graph.Node("Relu", [y], $"{name}.relu");
        return graph.Node("MaxPool", [relu], $"{name}.pool", Attribute("kernel_shape", [2L, 2]), Attribute("strides", [2L, 2]));
    }

    private static string Dense(OnnxGraphBuilder graph, string x, Linear layer, string name)
    {
        var weight = graph.Floats($"{name}.weight", TextModelFile.Values(layer.weight!), layer.weight!.shape);
        var bias = graph.Floats($"{name}.bias", TextModelFile.Values(layer.bias!), layer.bias!.shape);
        return graph.Node("Gemm", [x, weight, bias], name == "logits" ? "logits" : $"{name}.dense", Attribute("transB", 1));
    }

    private static void Add(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
