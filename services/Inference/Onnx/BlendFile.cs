using Google.Protobuf;
using Platform.Inference.Onnx.Proto;
using Platform.Inference.Serving;

namespace Platform.Inference.Onnx;

/// <summary>
/// A blend file (ADR 22: the <c>Mean</c> of a boosted-trees member's and a network member's scores)
/// read at load so its explanations come from its members (ADR 23, amended): the trees as
/// <see cref="TreeEnsembleFile"/> reads them and the network as <see cref="NetworkFile"/> does, each
/// against its own output, both reading the one feature vector. <see cref="File"/> is the file with
/// that vector as an extra output (what a plain predict runs: the output costs it nothing).
/// </summary>
internal sealed record BlendFile(byte[] File, TreeEnsembleFile Trees, NetworkFile Network, bool Regression)
{
    /// <summary>The explaining graph's output: each instance's feature vector, then its network member's credits.</summary>
    public const string VectorOutput = "explanation.vector";

    public static BlendFile? Read(byte[] file)
    {
        if (OnnxGraph.Parse(file) is not { } model) return null;
        var regression = OnnxGraph.IsRegression(model);
        var output = regression ? OnnxSignatureReader.ValueOutput : "probabilities";
        if (new OnnxGraph(model.Graph).Producer(output) is not { OpType: "Mean", Input: [var first, var second] }) return null;
        foreach (var (trees, network) in new[] { (first, second), (second, first) })
        {
            if (TreeEnsembleFile.Read(file, trees) is not { } treesFile) continue;
            if (NetworkFile.Read(treesFile.File, network) is not { } networkFile || networkFile.FeaturesOutput != treesFile.FeaturesOutput) continue;
            return new BlendFile(networkFile.File, treesFile, networkFile, regression);
        }
        return null;
    }

    /// <summary>
    /// The file with the network member's backward pass appended (<see cref="NetworkFile.Explaining"/>)
    /// and one output holding, per instance, the feature vector the trees read and the network's credits.
    /// </summary>
    public byte[] Explaining(DeepLiftBaseline network, int[] slotInputs, int inputs)
    {
        var model = ModelProto.Parser.ParseFrom(Network.Explaining(network, slotInputs, inputs));
        var concat = new NodeProto { OpType = "Concat", Name = "explanation.vector" };
        concat.Input.AddRange([Trees.FeaturesOutput, NetworkFile.CreditsOutput]);
        concat.Output.Add(VectorOutput);
        concat.Attribute.Add(new AttributeProto { Name = "axis", I = 1, Type = OnnxGraph.IntAttribute });
        model.Graph.Node.Add(concat);
        OnnxGraph.AddFloatOutput(model.Graph, VectorOutput);
        return model.ToByteArray();
    }
}
