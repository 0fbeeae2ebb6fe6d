using System.Globalization;
using Platform.Modeling.Onnx;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Text;

/// <summary>
/// Writes a <see cref="TextCnn"/> as one classifier file that takes raw text: the tokenizer nodes
/// (a distilled student's are its teacher's), the map from the vocabulary's ids to the network's,
/// then the network. A student names its teacher's file, and the file that labelled its texts when that was another (the teacher's int8 twin).
/// </summary>
internal static class TextStudentWriter
{
    public static byte[] Write(TextCnn student, long[] remap, string vocabulary, int maxTokens, string textColumn,
        IReadOnlyList<string> classes, string target, int epochs, string? teacherSha256 = null, string? labellerSha256 = null)
    {
        var graph = new OnnxGraphBuilder(teacherSha256 is null ? ModelFamilies.TextCnn : $"{ModelFamilies.TextCnn}.student");
        graph.Input(textColumn, DataType.String, "N", 1);
        var (ids, mask) = TokenizerGraph.Append(graph, textColumn, vocabulary, maxTokens);
        var remapTable = graph.Int64s("student.remap", remap, remap.Length);
        var studentIds = graph.Node("Gather", [remapTable, ids], "student.ids", Attribute("axis", 0));
        var embeddings = graph.Floats("student.embeddings", TextModelFile.Values(student.Embedding.weight!), student.Embedding.weight!.shape);
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
        var weight = graph.Floats("student.classifier.weight", TextModelFile.Values(student.Classifier.weight!), student.Classifier.weight!.shape);
        var bias = graph.Floats("student.classifier.bias", TextModelFile.Values(student.Classifier.bias!), student.Classifier.bias!.shape);
        var logits = graph.Node("Gemm", [pooled, weight, bias], "logits", Attribute("transB", 1));
        var probabilities = graph.Node("Softmax", [logits], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        List<(string, string)> metadata = [("epochs", epochs.ToString(CultureInfo.InvariantCulture))];
        if (teacherSha256 is not null) metadata.Add((ModelMetadata.DistilledFrom, teacherSha256));
        if (labellerSha256 is not null) metadata.Add((ModelMetadata.LabelledBy, labellerSha256));
        return TextModelFile.Finish(graph, ClassifierOnnxWriter.OnnxOpset, 8, probabilities, textColumn, maxTokens, classes, target, ModelFamilies.TextCnn, [.. metadata]);
    }

    private static string Convolution(OnnxGraphBuilder graph, string x, TorchSharp.Modules.Conv1d convolution, string name, long padding)
    {
        var weight = graph.Floats($"student.{name}.weight", TextModelFile.Values(convolution.weight!), convolution.weight!.shape);
        var bias = graph.Floats($"student.{name}.bias", TextModelFile.Values(convolution.bias!), convolution.bias!.shape);
        var y = graph.Node("Conv", [x, weight, bias], $"student.{name}", Attribute("pads", [padding, padding]));
        return graph.Node("Relu", [y], $"student.{name}.relu");
    }
}
