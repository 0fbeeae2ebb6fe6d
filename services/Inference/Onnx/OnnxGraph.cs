using Google.Protobuf;
using System.Runtime.InteropServices;
using Platform.Inference.Onnx.Proto;

namespace Platform.Inference.Onnx;

/// <summary>
/// A model file's graph indexed for reading: which node makes a value, which nodes read it, the
/// constants (initializers) and the graph's inputs. Only what serving reads at load (ADR 23).
/// </summary>
internal sealed class OnnxGraph
{
    public const string MlDomain = "ai.onnx.ml";

    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueInfoProto> _inputs = new(StringComparer.Ordinal);

    public OnnxGraph(GraphProto graph)
    {
        Graph = graph;
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output) _producers[output] = node;
            foreach (var input in node.Input)
            {
                if (!_consumers.TryGetValue(input, out var readers)) _consumers[input] = readers = [];
                readers.Add(node);
            }
        }
        foreach (var initializer in graph.Initializer) _constants[initializer.Name] = initializer;
        // An input with an initializer of the same name is a constant that may be overridden; not a feature.
        foreach (var input in graph.Input.Where(i => !_constants.ContainsKey(i.Name))) _inputs[input.Name] = input;
    }

    public GraphProto Graph { get; }

    public NodeProto? Producer(string value) => _producers.GetValueOrDefault(value);

    public IReadOnlyList<NodeProto> Consumers(string value) => _consumers.TryGetValue(value, out var readers) ? readers : [];

    public bool IsConstant(string value) => _constants.ContainsKey(value);

    public ValueInfoProto? Input(string value) => _inputs.GetValueOrDefault(value);

    /// <summary>A float constant's values, or null when <paramref name="value"/> is not one.</summary>
    public float[]? Floats(string value)
    {
        if (!_constants.TryGetValue(value, out var tensor) || tensor.DataType != (int)ElementType.Float) return null;
        return tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];
    }

    /// <summary>An int64 constant's values, or null when <paramref name="value"/> is not one.</summary>
    public long[]? Int64s(string value)
    {
        if (!_constants.TryGetValue(value, out var tensor) || tensor.DataType != (int)ElementType.Int64) return null;
        return tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray() : [.. tensor.Int64Data];
    }

    /// <summary>The file's model, or null when it is not one a serving reader can walk (no graph, not a protobuf).</summary>
    public static ModelProto? Parse(byte[] file)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(file) is { Graph: not null } model ? model : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>Whether the file's metadata says it is a regression's (ADR 31).</summary>
    public static bool IsRegression(ModelProto model) =>
        model.MetadataProps.Any(p => p.Key == Serving.OnnxSignatureReader.TaskMetadata && p.Value == Contracts.Solutions.SolutionTemplates.Regression);

    /// <summary>Makes <paramref name="value"/> a float output of the graph, so one run can return it (the change serving makes at load).</summary>
    public static void AddFloatOutput(GraphProto graph, string value)
    {
        if (graph.Output.Any(o => o.Name == value)) return;
        graph.Output.Add(new ValueInfoProto { Name = value, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType.Float } } });
    }

    public static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public static long Int(NodeProto node, string name, long fallback) => Attribute(node, name) is { } a ? a.I : fallback;

    public static string Text(NodeProto node, string name, string fallback) => Attribute(node, name) is { } a ? a.S.ToStringUtf8() : fallback;

    /// <summary>AttributeProto.AttributeType INT: an attribute holding one integer.</summary>
    public const int IntAttribute = 2;

    /// <summary>ONNX's element types that serving reads (TensorProto.DataType).</summary>
    public enum ElementType
    {
        Float = 1,
        Int64 = 7,
        Bool = 9,
    }
}
