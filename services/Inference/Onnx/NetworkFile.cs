using Google.Protobuf;
using Platform.Contracts.Solutions;
using Platform.Inference.Onnx.Proto;
using Platform.Inference.Serving;

namespace Platform.Inference.Onnx;

/// <summary>
/// A network file read at load so its explanations can be computed from its weights (ADR 23,
/// amended): the feature vector goes through float <c>Gemm</c> layers with <c>Relu</c> between
/// them, ending in the two logits of a binary classifier's <c>Softmax</c> (its log-odds are their
/// difference) or in a regression's <c>value</c> (ADR 31). Which raw input owns each feature slot
/// is read from the graph as for the trees, and the file is loaded again with the feature vector as
/// an extra output. Anything else — int8 weights, more than two classes, a blend's Mean — is null
/// and explained by sampling.
/// </summary>
internal sealed record NetworkFile(byte[] File, IReadOnlyList<NetworkLayer> Layers, string FeaturesOutput, string[] SlotOwners, bool Regression)
{
    private const string ProbabilitiesOutput = "probabilities";

    public static NetworkFile? Read(byte[] file)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(file);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        if (model.Graph is null) return null;
        var graph = new OnnxGraph(model.Graph);
        var regression = model.MetadataProps.Any(p => p.Key == OnnxSignatureReader.TaskMetadata && p.Value == SolutionTemplates.Regression);
        var output = regression ? OnnxSignatureReader.ValueOutput : ProbabilitiesOutput;

        // Walk back from the output: [Softmax ←] Gemm (← Relu ← Gemm)* ← the feature vector.
        var last = graph.Producer(output);
        if (!regression)
        {
            if (last is not { OpType: "Softmax", Input: [var logits] } || OnnxGraph.Int(last, "axis", -1) is not (1 or -1)) return null;
            last = graph.Producer(logits);
        }
        var layers = new List<NetworkLayer>();
        var node = last;
        string features;
        while (true)
        {
            if (node is not { OpType: "Gemm", Input: [var input, var weight, var bias] } gemm || Layer(graph, gemm, weight, bias) is not { } layer) return null;
            layers.Add(layer);
            if (graph.Producer(input) is { OpType: "Relu", Input: [var before] })
            {
                node = graph.Producer(before);
                continue;
            }
            features = input;
            break;
        }
        layers.Reverse();
        for (var l = 1; l < layers.Count; l++)
            if (layers[l].Inputs != layers[l - 1].Outputs) return null;
        if (layers[^1].Outputs != (regression ? 1 : 2)) return null;

        if (FeatureSlots.Owners(graph, features) is not { } owners || owners.Length != layers[0].Inputs) return null;
        if (model.Graph.Output.All(o => o.Name != features))
            model.Graph.Output.Add(new ValueInfoProto { Name = features, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)OnnxGraph.ElementType.Float } } });
        return new NetworkFile(model.ToByteArray(), layers, features, owners, regression);
    }

    /// <summary>A Gemm of the writer's form (x·Wᵀ + b, W [out, in] and b float constants), or null.</summary>
    private static NetworkLayer? Layer(OnnxGraph graph, NodeProto gemm, string weight, string bias)
    {
        if (OnnxGraph.Int(gemm, "transB", 0) != 1 || OnnxGraph.Int(gemm, "transA", 0) != 0) return null;
        if (OnnxGraph.Attribute(gemm, "alpha") is { F: not 1f } || OnnxGraph.Attribute(gemm, "beta") is { F: not 1f }) return null;
        if (graph.Floats(weight) is not { Length: > 0 } w || graph.Floats(bias) is not { Length: > 0 } b || w.Length % b.Length != 0) return null;
        return new NetworkLayer(w, b, w.Length / b.Length, b.Length);
    }
}

/// <summary>A dense layer as the file holds it: <see cref="Weight"/> row-major [Outputs, Inputs].</summary>
internal sealed record NetworkLayer(float[] Weight, float[] Bias, int Inputs, int Outputs);
