using Platform.Modeling.Onnx.Proto;

namespace Platform.Modeling.Onnx;

/// <summary>
/// Reads back the ensembles <see cref="BoostedTreesOnnxWriter"/> wrote: the <c>TreeEnsembleRegressor</c>'s
/// node and leaf attributes, one ensemble per target, and the Platt pairs from <c>platt.slope</c> and
/// <c>platt.offset</c> (stored negated). What compression needs to work on the trees of a file it
/// was only given (<see cref="Compression.TreePruner"/>).
/// </summary>
public static class BoostedTreesOnnxReader
{
    public static IReadOnlyList<BoostedTrees> Read(ModelProto model)
    {
        var node = model.Graph.Node.SingleOrDefault(n => n.OpType == "TreeEnsembleRegressor")
            ?? throw new InvalidOperationException("The file holds no tree ensemble.");
        var attributes = node.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        long[] Ints(string name) => [.. attributes[name].Ints];
        float[] Floats(string name) => [.. attributes[name].Floats];
        var (treeIds, nodeIds, features, trueIds, falseIds) =
            (Ints("nodes_treeids"), Ints("nodes_nodeids"), Ints("nodes_featureids"), Ints("nodes_truenodeids"), Ints("nodes_falsenodeids"));
        var modes = attributes["nodes_modes"].Strings.Select(s => s.ToStringUtf8()).ToArray();
        var thresholds = Floats("nodes_values");
        var (leafTrees, leafNodes, leafTargets, leafWeights) = (Ints("target_treeids"), Ints("target_nodeids"), Ints("target_ids"), Floats("target_weights"));
        var targets = (int)attributes["n_targets"].I;
        var bias = Floats("base_values");
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // A regression file has no calibration (ADR 31): its pairs read as 0, which nothing reads.
        var slopes = initializers.TryGetValue("platt.slope", out var slope) ? Compression.WeightValues.Floats(slope) : new float[targets];
        var offsets = initializers.TryGetValue("platt.offset", out var offset) ? Compression.WeightValues.Floats(offset) : new float[targets];

        var leafValue = new Dictionary<(long Tree, long Node), float>();
        var treeTarget = new Dictionary<long, int>();
        for (var i = 0; i < leafTrees.Length; i++)
        {
            leafValue[(leafTrees[i], leafNodes[i])] = leafWeights[i];
            treeTarget[leafTrees[i]] = (int)leafTargets[i];
        }
        var perTarget = Enumerable.Range(0, targets).Select(_ => new List<DecisionTree>()).ToArray();
        foreach (var tree in Enumerable.Range(0, treeIds.Length).GroupBy(i => treeIds[i]).OrderBy(g => g.Key))
        {
            // Internal nodes keep their index, leaves follow them (the writer's numbering).
            var inner = tree.Where(i => modes[i] != "LEAF").OrderBy(i => nodeIds[i]).ToArray();
            var count = inner.Length;
            var leaves = tree.Where(i => modes[i] == "LEAF").OrderBy(i => nodeIds[i]).ToArray();
            int Child(long id) => id < count ? (int)id : ~(int)(id - count);
            perTarget[treeTarget[tree.Key]].Add(new DecisionTree(
                inner.Select(i => (int)features[i]).ToArray(), inner.Select(i => thresholds[i]).ToArray(),
                inner.Select(i => Child(trueIds[i])).ToArray(), inner.Select(i => Child(falseIds[i])).ToArray(),
                leaves.Select(i => leafValue[(tree.Key, nodeIds[i])]).ToArray()));
        }
        return perTarget.Select((trees, t) => new BoostedTrees(trees, bias[t], -slopes[t], -offsets[t])).ToArray();
    }

    /// <summary>The ensemble's raw score (bias plus one leaf per tree) of one feature vector, compared in float as ONNX Runtime does.</summary>
    public static double Score(BoostedTrees model, ReadOnlySpan<float> features, int trees)
    {
        var sum = model.Bias;
        for (var t = 0; t < trees; t++)
        {
            var tree = model.Trees[t];
            var node = tree.Features.Length == 0 ? -1 : 0;
            while (node >= 0) node = features[tree.Features[node]] <= tree.Thresholds[node] ? tree.Left[node] : tree.Right[node];
            sum += tree.Leaves[~node];
        }
        return sum;
    }
}
