using System.Runtime.InteropServices;
using Google.Protobuf;
using Platform.Modeling.Onnx.Proto;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Onnx;

/// <summary>Small helpers to write ONNX graphs: typed inputs and outputs, initializers, nodes, attributes.</summary>
internal sealed class OnnxGraphBuilder(string name)
{
    public const string MlDomain = "ai.onnx.ml";

    public GraphProto Graph { get; } = new() { Name = name };

    public void Input(string valueName, DataType type, params object[] dims) => Graph.Input.Add(Value(valueName, type, dims));

    public void Output(string valueName, DataType type, params object[] dims) => Graph.Output.Add(Value(valueName, type, dims));

    public string Floats(string valueName, ReadOnlySpan<float> values, params long[] dims)
    {
        Graph.Initializer.Add(Tensor(valueName, DataType.Float, MemoryMarshal.AsBytes(values), dims));
        return valueName;
    }

    public string Int64s(string valueName, ReadOnlySpan<long> values, params long[] dims)
    {
        Graph.Initializer.Add(Tensor(valueName, DataType.Int64, MemoryMarshal.AsBytes(values), dims));
        return valueName;
    }

    public string Node(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        Node(opType, "", inputs, output, attributes);

    public string Node(string opType, string domain, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{Graph.Node.Count}" };
        if (domain.Length > 0) node.Domain = domain;
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>A node with several outputs, named as given.</summary>
    public void Node(string opType, string domain, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{Graph.Node.Count}" };
        if (domain.Length > 0) node.Domain = domain;
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    public static TensorProto Tensor(string valueName, DataType type, ReadOnlySpan<byte> rawData, params long[] dims)
    {
        var tensor = new TensorProto { Name = valueName, DataType = (int)type, RawData = ByteString.CopyFrom(rawData) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    public static AttributeProto Attribute(string attributeName, long value) =>
        new() { Name = attributeName, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string attributeName, string value) =>
        new() { Name = attributeName, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string attributeName, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = attributeName, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attribute(string attributeName, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = attributeName, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attribute(string attributeName, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = attributeName, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    public static AttributeProto Attribute(string attributeName, GraphProto value) =>
        new() { Name = attributeName, Type = AttributeProto.Types.AttributeType.Graph, G = value };

    public static AttributeProto Attribute(string attributeName, TensorProto value) =>
        new() { Name = attributeName, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    private static ValueInfoProto Value(string valueName, DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        return new ValueInfoProto
        {
            Name = valueName,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
