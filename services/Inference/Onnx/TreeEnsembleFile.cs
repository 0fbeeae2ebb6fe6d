using Google.Protobuf;
using Platform.Inference.Onnx.Proto;
using Platform.Inference.Serving;

namespace Platform.Inference.Onnx;

/// <summary>
/// A binary classifier file whose positive class is a calibrated tree ensemble (ADR 22's boosted
/// trees), read at load so its explanations can be computed from the trees (ADR 23): the
/// <c>TreeEnsembleRegressor</c>'s trees, the affine map from its margin to the positive class's
/// log-odds (the Mul and Add before the Sigmoid), which raw input owns each slot of the feature
/// vector it reads, and the file again with that feature vector as an extra graph output, so one
/// run of the session can return it. A plain predict does not ask for that output. A regression
/// file's ensemble is its <c>value</c> output itself, with no calibration: the map is the identity (ADR 31).
/// </summary>
internal sealed record TreeEnsembleFile(byte[] File, TreeEnsemble Trees, string FeaturesOutput, string[] SlotOwners, double Scale, double Offset)
{
    private const string ProbabilitiesOutput = "probabilities";

    /// <summary>
    /// The file read so, or null when it is not one: no tree ensemble, several targets (a multiclass
    /// file's per-class ensembles are divided by their sum, which no margin is affine to), a
    /// calibration or preprocessing laid out otherwise. Such a file is explained by sampling.
    /// </summary>
    /// <param name="output">The scores the trees must make: the file's own (<c>probabilities</c>, a regression's <c>value</c>) by default, or a blend member's.</param>
    public static TreeEnsembleFile? Read(byte[] file, string? output = null)
    {
        if (OnnxGraph.Parse(file) is not { } model) return null;
        var graph = new OnnxGraph(model.Graph);
        var ensembles = model.Graph.Node.Where(n => n.OpType == "TreeEnsembleRegressor" && n.Domain == OnnxGraph.MlDomain).ToArray();
        if (ensembles is not [var node] || node.Input.Count != 1 || node.Output.Count != 1) return null;
        if (ReadTrees(node) is not { } trees) return null;
        var regression = OnnxGraph.IsRegression(model);
        output ??= regression ? OnnxSignatureReader.ValueOutput : ProbabilitiesOutput;
        if ((regression ? Identity(node.Output[0], output) : Calibration(graph, node.Output[0], output)) is not { } calibration) return null;

        var features = node.Input[0];
        if (FeatureSlots.Owners(graph, features) is not { } owners || owners.Length < trees.Slots) return null;
        OnnxGraph.AddFloatOutput(model.Graph, features);
        return new TreeEnsembleFile(model.ToByteArray(), trees, features, owners, calibration.Scale, calibration.Offset);
    }

    /// <summary>The regressor's trees, if it has one target summed with no transform, as the binary writer makes it.</summary>
    private static TreeEnsemble? ReadTrees(NodeProto node)
    {
        if (OnnxGraph.Int(node, "n_targets", 1) != 1
            || OnnxGraph.Text(node, "aggregate_function", "SUM") != "SUM"
            || OnnxGraph.Text(node, "post_transform", "NONE") != "NONE")
            return null;
        // The tensor forms of the values (opset 3's alternatives) are not read; nor a missing value tracking the true branch.
        if (node.Attribute.Any(a => a.Name.EndsWith("_as_tensor", StringComparison.Ordinal))) return null;
        if (OnnxGraph.Attribute(node, "nodes_missing_value_tracks_true") is { } tracks && tracks.Ints.Any(t => t != 0)) return null;

        var treeIds = Ints(node, "nodes_treeids");
        var nodeIds = Ints(node, "nodes_nodeids");
        var slots = Ints(node, "nodes_featureids");
        var modes = OnnxGraph.Attribute(node, "nodes_modes")?.Strings.Select(s => s.ToStringUtf8()).ToArray() ?? [];
        var thresholds = OnnxGraph.Attribute(node, "nodes_values")?.Floats.ToArray() ?? [];
        var trueIds = Ints(node, "nodes_truenodeids");
        var falseIds = Ints(node, "nodes_falsenodeids");
        var count = treeIds.Length;
        if (count == 0 || new[] { nodeIds.Length, slots.Length, modes.Length, thresholds.Length, trueIds.Length, falseIds.Length }.Any(l => l != count))
            return null;

        var index = new Dictionary<(long Tree, long Node), int>(count);
        for (var n = 0; n < count; n++)
            if (!index.TryAdd((treeIds[n], nodeIds[n]), n)) return null;

        // Each leaf's value: the weights of target 0 the regressor adds for it.
        var values = new double[count];
        var targetTrees = Ints(node, "target_treeids");
        var targetNodes = Ints(node, "target_nodeids");
        var targetIds = Ints(node, "target_ids");
        var weights = OnnxGraph.Attribute(node, "target_weights")?.Floats.ToArray() ?? [];
        if (new[] { targetNodes.Length, targetIds.Length, weights.Length }.Any(l => l != targetTrees.Length)) return null;
        for (var t = 0; t < targetTrees.Length; t++)
        {
            if (targetIds[t] != 0 || !index.TryGetValue((targetTrees[t], targetNodes[t]), out var leaf) || modes[leaf] != "LEAF") return null;
            values[leaf] += weights[t];
        }

        var nodes = new TreeNode[count];
        var isChild = new bool[count];
        for (var n = 0; n < count; n++)
        {
            if (modes[n] == "LEAF")
            {
                nodes[n] = TreeNode.Leaf(values[n]);
                continue;
            }
            if (Branch(modes[n]) is not { } branch || slots[n] is < 0 or > int.MaxValue
                || !index.TryGetValue((treeIds[n], trueIds[n]), out var whenTrue) || !index.TryGetValue((treeIds[n], falseIds[n]), out var whenFalse))
                return null;
            nodes[n] = TreeNode.Split(branch, (int)slots[n], thresholds[n], whenTrue, whenFalse);
            isChild[whenTrue] = isChild[whenFalse] = true;
        }
        // A tree's root is its one node that is no node's child.
        var roots = Enumerable.Range(0, count).Where(n => !isChild[n]).ToArray();
        if (roots.Select(r => treeIds[r]).Distinct().Count() != roots.Length || roots.Length != treeIds.Distinct().Count()) return null;
        try
        {
            return new TreeEnsemble(nodes, roots, OnnxGraph.Attribute(node, "base_values")?.Floats is [var bias] ? bias : 0);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Log-odds of the positive class = scale × margin + offset, read from margin → Mul → Add →
    /// Sigmoid, whose output is the second (positive) column of <paramref name="probabilities"/>.
    /// </summary>
    private static (double Scale, double Offset)? Calibration(OnnxGraph graph, string margin, string probabilities)
    {
        if (graph.Consumers(margin) is not [{ OpType: "Mul" } mul] || Constant(graph, mul, margin) is not { } scale) return null;
        if (graph.Consumers(mul.Output[0]) is not [{ OpType: "Add" } add] || Constant(graph, add, mul.Output[0]) is not { } offset) return null;
        if (graph.Consumers(add.Output[0]) is not [{ OpType: "Sigmoid" } sigmoid]) return null;
        var positive = sigmoid.Output[0];
        var concat = graph.Producer(probabilities);
        return concat is { OpType: "Concat", Input: [_, var second] } && second == positive && OnnxGraph.Int(concat, "axis", 0) == 1
            ? (scale, offset)
            : null;
    }

    /// <summary>
    /// A regression's trees are explained as they are when their sum is the value asked for (the
    /// file's <c>value</c>, or a blend member's): no Mul, Add or Sigmoid after them.
    /// </summary>
    private static (double Scale, double Offset)? Identity(string margin, string value) => margin == value ? (1, 0) : null;

    /// <summary>The one-value constant <paramref name="node"/> combines with <paramref name="value"/>.</summary>
    private static double? Constant(OnnxGraph graph, NodeProto node, string value) =>
        node.Input is [var left, var right] && (left == value ? right : right == value ? left : null) is { } other
            && graph.Floats(other) is [var constant]
            ? constant
            : null;

    private static long[] Ints(NodeProto node, string name) => OnnxGraph.Attribute(node, name)?.Ints.ToArray() ?? [];

    private static TreeBranch? Branch(string mode) => mode switch
    {
        "BRANCH_LEQ" => TreeBranch.Leq,
        "BRANCH_LT" => TreeBranch.Lt,
        "BRANCH_GTE" => TreeBranch.Gte,
        "BRANCH_GT" => TreeBranch.Gt,
        "BRANCH_EQ" => TreeBranch.Eq,
        "BRANCH_NEQ" => TreeBranch.Neq,
        _ => null,
    };
}
