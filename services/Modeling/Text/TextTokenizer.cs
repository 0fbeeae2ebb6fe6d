using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Onnx;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Text;

/// <summary>
/// Training's tokenizer: the <see cref="TokenizerGraph"/> nodes alone, run by ONNX Runtime, so the
/// ids a model learns from are the ids its file computes when it serves (ADR 32).
/// </summary>
internal sealed class TextTokenizer : IDisposable
{
    private const string TextInput = "text";
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _outputs;

    public TextTokenizer(string vocabulary, int maxTokens)
    {
        var graph = new OnnxGraphBuilder("tokenizer");
        graph.Input(TextInput, DataType.String, "N", 1);
        var (ids, mask) = TokenizerGraph.Append(graph, TextInput, vocabulary, maxTokens);
        graph.Output(ids, DataType.Int64, "N", "T");
        graph.Output(mask, DataType.Int64, "N", "T");
        _outputs = [ids, mask];
        var model = ClassifierOnnxWriter.NewModel(graph.Graph);
        model.OpsetImport.Add(new Onnx.Proto.OperatorSetIdProto { Domain = TokenizerGraph.ContribDomain, Version = 1 });
        using var options = TextSessions.Options(threads: 2);
        _session = new InferenceSession(model.ToByteArray(), options);
    }

    /// <summary>Each text's ids, [CLS] and [SEP] included, cut at the most tokens; "" for a missing text.</summary>
    public long[][] Tokenize(IReadOnlyList<string?> texts, int batchSize = 256)
    {
        var result = new long[texts.Count][];
        for (var start = 0; start < texts.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, texts.Count - start);
            var batch = new string[count];
            for (var i = 0; i < count; i++) batch[i] = texts[start + i] ?? "";
            using var input = OrtValue.CreateFromStringTensor(new DenseTensor<string>(batch, [count, 1]));
            // The run options live until the run returns: a collection during it must not free them (ADR 32).
            using var outputs = _session.Run(_runOptions, [TextInput], [input], _outputs);
            var width = (int)outputs[0].GetTensorTypeAndShape().Shape[1];
            var ids = outputs[0].GetTensorDataAsSpan<long>();
            var mask = outputs[1].GetTensorDataAsSpan<long>();
            for (var i = 0; i < count; i++)
            {
                var length = 0;
                while (length < width && mask[i * width + length] != 0) length++;
                result[start + i] = ids.Slice(i * width, length).ToArray();
            }
        }
        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}

/// <summary>ONNX Runtime sessions for files whose graphs hold the tokenizer's contrib operators.</summary>
public static class TextSessions
{
    /// <summary>The options Inference serves with (the contrib operators registered), on <paramref name="threads"/> threads.</summary>
    public static SessionOptions Options(int threads = 1)
    {
        var options = OnnxClassifier.CreateSessionOptions();
        options.IntraOpNumThreads = threads;
        return options;
    }
}
