using System.Globalization;
using Google.Protobuf;
using System.Text.Json;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Text;

/// <summary>
/// Writes a <see cref="TextCnn"/> as one classifier file that takes raw text, as its teacher's does:
/// the teacher's tokenizer nodes, the map from the teacher's ids to the student's, then the network.
/// </summary>
internal static class TextStudentWriter
{
    public static byte[] Write(TextCnn student, long[] remap, string vocabulary, int maxTokens, string textColumn,
        IReadOnlyList<string> classes, string target, string teacherSha256, int epochs)
    {
        var graph = new OnnxGraphBuilder($"{ModelFamilies.TextCnn}.student");
        graph.Input(textColumn, DataType.String, "N", 1);
        var (ids, mask) = TokenizerGraph.Append(graph, textColumn, vocabulary, maxTokens);
        var remapTable = graph.Int64s("student.remap", remap, remap.Length);
        var studentIds = graph.Node("Gather", [remapTable, ids], "student.ids", Attribute("axis", 0));
        var embeddings = graph.Floats("student.embeddings", Values(student.Embedding.weight!), student.Embedding.weight!.shape);
        var embedded = graph.Node("Gather", [embeddings, studentIds], "student.embedded", Attribute("axis", 0));
        var channelsFirst = graph.Node("Transpose", [embedded], "student.channels_first", Attribute("perm", [0L, 2, 1]));

        var maskFloat = graph.Node("Cast", [mask], "student.mask_float", Attribute("to", (long)DataType.Float));
        var axis1 = graph.Int64s("student.axis1", [1L], 1);
        var axis2 = graph.Int64s("student.axis2", [2L], 1);
        var mask3 = graph.Node("Unsqueeze", [maskFloat, axis1], "student.mask3");
        // Padding is zeroed, as in training: a text scores the same whatever the batch's longest text.
        var x = graph.Node("Mul", [channelsFirst, mask3], "student.x");
        var narrow = Convolution(graph, x, student.Narrow, "narrow", 1);
        var wide = Convolution(graph, x, student.Wide, "wide", 2);
        var h = graph.Node("Concat", [narrow, wide], "student.h", Attribute("axis", 1));

        var one = graph.Floats("student.one", [1f], 1);
        var large = graph.Floats("student.large", [10000f], 1);
        var outside = graph.Node("Sub", [mask3, one], "student.outside");
        var penalty = graph.Node("Mul", [outside, large], "student.penalty");
        var penalised = graph.Node("Add", [h, penalty], "student.penalised");
        var max = graph.Node("ReduceMax", [penalised], "student.max", Attribute("axes", [2L]), Attribute("keepdims", 0));
        var masked = graph.Node("Mul", [h, mask3], "student.masked");
        var sum = graph.Node("ReduceSum", [masked, axis2], "student.sum", Attribute("keepdims", 0));
        var count = graph.Node("ReduceSum", [mask3, axis2], "student.count", Attribute("keepdims", 0));
        var mean = graph.Node("Div", [sum, count], "student.mean");
        var pooled = graph.Node("Concat", [max, mean], "student.pooled", Attribute("axis", 1));
        var weight = graph.Floats("student.classifier.weight", Values(student.Classifier.weight!), student.Classifier.weight!.shape);
        var bias = graph.Floats("student.classifier.bias", Values(student.Classifier.bias!), student.Classifier.bias!.shape);
        var logits = graph.Node("Gemm", [pooled, weight, bias], "logits", Attribute("transB", 1));
        var probabilities = graph.Node("Softmax", [logits], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        var index = graph.Node("ArgMax", [probabilities], "class_index", Attribute("axis", 1), Attribute("keepdims", 0));
        graph.Node("LabelEncoder", MlDomain, [index], ModelMetadata.LabelOutput,
            Attribute("keys_int64s", Enumerable.Range(0, classes.Count).Select(i => (long)i)), Attribute("values_strings", classes), Attribute("default_string", ""));
        graph.Output(ModelMetadata.LabelOutput, DataType.String, "N");
        graph.Output(ModelMetadata.ProbabilitiesOutput, DataType.Float, "N", classes.Count);

        var model = ClassifierOnnxWriter.NewModel(graph.Graph);
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = TokenizerGraph.ContribDomain, Version = 1 });
        Metadata(model, ModelMetadata.Classes, JsonSerializer.Serialize(classes));
        if (classes.Count == 2) Metadata(model, ModelMetadata.PositiveClass, classes[1]);
        Metadata(model, ModelMetadata.Target, target);
        Metadata(model, ModelMetadata.Features, JsonSerializer.Serialize(new[] { new { name = textColumn, kind = ModelMetadata.TextFeature } }));
        Metadata(model, ModelMetadata.Family, ModelFamilies.TextCnn);
        Metadata(model, ModelMetadata.DistilledFrom, teacherSha256);
        Metadata(model, ModelMetadata.MaxTokens, maxTokens.ToString(CultureInfo.InvariantCulture));
        Metadata(model, "epochs", epochs.ToString(CultureInfo.InvariantCulture));
        return model.ToByteArray();
    }

    private static string Convolution(OnnxGraphBuilder graph, string x, TorchSharp.Modules.Conv1d convolution, string name, long padding)
    {
        var weight = graph.Floats($"student.{name}.weight", Values(convolution.weight!), convolution.weight!.shape);
        var bias = graph.Floats($"student.{name}.bias", Values(convolution.bias!), convolution.bias!.shape);
        var y = graph.Node("Conv", [x, weight, bias], $"student.{name}", Attribute("pads", [padding, padding]));
        return graph.Node("Relu", [y], $"student.{name}.relu");
    }

    private static float[] Values(TorchSharp.torch.Tensor tensor)
    {
        using var laidOut = tensor.detach().contiguous();
        return laidOut.data<float>().ToArray();
    }

    private static void Metadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
