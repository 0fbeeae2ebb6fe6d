using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Tabular;

namespace Platform.Benchmarks;

/// <summary>
/// What the quantization benchmarks time: one session run of a classifier file on a batch prepared
/// beforehand, with the session options evaluation and serving use, cycling through 16 batches of
/// the rows so that no single row decides. The same runs Compression times to decide promotion.
/// </summary>
public sealed class OnnxRuns : IDisposable
{
    private const int Batches = 16;
    private readonly OnnxClassifier _classifier;
    private readonly PreparedBatch[] _batches;
    private int _next;

    public OnnxRuns(byte[] model, ColumnarTable data, IReadOnlyList<int> rows, int batchSize)
    {
        _classifier = new OnnxClassifier(model);
        _batches = Enumerable.Range(0, Batches)
            .Select(b => _classifier.Prepare(data, rows, b * batchSize % (rows.Count - batchSize + 1), batchSize))
            .ToArray();
    }

    public void RunNext()
    {
        _classifier.Run(_batches[_next]);
        _next = (_next + 1) % Batches;
    }

    /// <summary>The operators ONNX Runtime runs for <paramref name="model"/> after its optimizations, in order.</summary>
    public static string[] OptimizedOperators(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = OnnxClassifier.CreateSessionOptions())
            {
                options.OptimizedModelFilePath = path;
                using var session = new InferenceSession(model, options);
            }
            return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node.Select(n => n.OpType).ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        foreach (var batch in _batches) batch.Dispose();
        _classifier.Dispose();
    }
}
