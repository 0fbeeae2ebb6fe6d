using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;

namespace Platform.Modeling.Tests;

/// <summary>Reading ONNX graphs in tests: as written, and as ONNX Runtime optimizes them for a session.</summary>
public static class OnnxGraphs
{
    public static GraphProto Read(byte[] model) => ModelProto.Parser.ParseFrom(model).Graph;

    public static string Metadata(byte[] model, string key) =>
        ModelProto.Parser.ParseFrom(model).MetadataProps.Single(p => p.Key == key).Value;

    /// <summary>The graph ONNX Runtime runs, with the session options evaluation and serving use.</summary>
    public static GraphProto Optimized(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = OnnxClassifier.CreateSessionOptions())
            {
                options.OptimizedModelFilePath = path;
                using var session = new InferenceSession(model, options);
            }
            return Read(File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The node that produces <paramref name="value"/>, or null for a graph input or initializer.</summary>
    public static NodeProto? Producer(GraphProto graph, string value) => graph.Node.SingleOrDefault(n => n.Output.Contains(value));
}
