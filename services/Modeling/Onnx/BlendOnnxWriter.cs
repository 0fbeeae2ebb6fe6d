using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Preprocessing;

namespace Platform.Modeling.Onnx;

/// <summary>
/// Writes the mean of several families' class probabilities as one file (ADR 22): the shared
/// preprocessing once, each member's scoring after the feature vector, then a <c>Mean</c> of their
/// <c>probabilities</c>. The members are files this split's families wrote, so their preprocessing
/// graphs are the same node for node (<see cref="ClassifierOnnxWriter.Begin"/> is deterministic)
/// and only the part of each that reads the feature vector is copied, its tensors renamed apart.
/// Working on the files rather than on the families' trained objects keeps the families as they
/// are: whatever a family writes after <c>Begin</c>, a blend can hold it. A blend of regression
/// files is the mean of their <c>value</c> outputs (ADR 31).
/// </summary>
public static class BlendOnnxWriter
{
    public static byte[] Write(FeaturePipeline pipeline, IReadOnlyList<byte[]> members, IReadOnlyList<string> classes, string target)
    {
        if (members.Count < 2) throw new ArgumentException("A blend has at least two members.", nameof(members));
        var (graph, features) = ClassifierOnnxWriter.Begin(pipeline, classes);
        var probabilities = graph.Node("Mean", CopyMembers(graph, features, members, ModelMetadata.ProbabilitiesOutput), ModelMetadata.ProbabilitiesOutput);
        return ClassifierOnnxWriter.Finish(graph, probabilities, pipeline, classes, target, ModelFamilies.Blend);
    }

    /// <summary>The mean of regression files' values, one regression file.</summary>
    public static byte[] WriteRegression(FeaturePipeline pipeline, IReadOnlyList<byte[]> members, string target)
    {
        if (members.Count < 2) throw new ArgumentException("A blend has at least two members.", nameof(members));
        var (graph, features) = ClassifierOnnxWriter.Begin(pipeline, RegressionOnnxWriter.GraphName);
        graph.Node("Mean", CopyMembers(graph, features, members, ModelMetadata.ValueOutput), ModelMetadata.ValueOutput);
        return RegressionOnnxWriter.Finish(graph, pipeline, target, ModelFamilies.Blend);
    }

    private static string[] CopyMembers(OnnxGraphBuilder graph, string features, IReadOnlyList<byte[]> members, string output) =>
        members.Select((file, m) => CopyScoring(graph.Graph, ModelProto.Parser.ParseFrom(file).Graph, features, $"member{m}.", output)).ToArray();

    /// <summary>
    /// Copies the nodes and initializers between <paramref name="features"/> and the member's
    /// <paramref name="scores"/> into <paramref name="into"/>, every name they produce prefixed;
    /// returns the renamed output.
    /// </summary>
    private static string CopyScoring(GraphProto into, GraphProto member, string features, string prefix, string scores)
    {
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in member.Node)
            foreach (var output in node.Output) producers[output] = node;
        var initializers = member.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);

        // The scoring is every node the probabilities depend on, walking back no further than the features.
        var needed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var usedInitializers = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([scores]);
        while (pending.TryPop(out var tensor))
        {
            if (tensor == features || tensor.Length == 0) continue;
            if (initializers.ContainsKey(tensor)) { usedInitializers.Add(tensor); continue; }
            if (!producers.TryGetValue(tensor, out var node)) continue; // a raw input
            if (!needed.Add(node)) continue;
            foreach (var input in node.Input) pending.Push(input);
        }
        if (needed.Count == 0) throw new InvalidOperationException($"A member file computes no {scores} from the feature vector.");

        var produced = needed.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        string Rename(string name) => usedInitializers.Contains(name) || produced.Contains(name) ? prefix + name : name;

        foreach (var name in usedInitializers)
        {
            var copy = initializers[name].Clone();
            copy.Name = prefix + name;
            into.Initializer.Add(copy);
        }
        // In the member's order, which is topological.
        foreach (var node in member.Node.Where(needed.Contains))
        {
            var copy = node.Clone();
            copy.Name = prefix + node.Name;
            copy.Input.Clear();
            copy.Input.AddRange(node.Input.Select(Rename));
            copy.Output.Clear();
            copy.Output.AddRange(node.Output.Select(Rename));
            into.Node.Add(copy);
        }
        return prefix + scores;
    }
}
