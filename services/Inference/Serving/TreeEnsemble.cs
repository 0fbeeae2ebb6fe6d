namespace Platform.Inference.Serving;

/// <summary>How a tree node compares its slot of the feature vector with its threshold (ONNX's <c>nodes_modes</c>); <see cref="Leaf"/> ends a path.</summary>
public enum TreeBranch : byte { Leq, Lt, Gte, Gt, Eq, Neq, Leaf }

/// <summary>
/// One node of a <see cref="TreeEnsemble"/>: an internal node sends a row to <see cref="True"/> when
/// its <see cref="Slot"/> compares true with <see cref="Threshold"/> (as ONNX Runtime compares
/// floats: NaN compares false, and true only for <see cref="TreeBranch.Neq"/>), else to
/// <see cref="False"/>; a leaf adds its <see cref="Value"/>.
/// </summary>
public readonly record struct TreeNode(TreeBranch Branch, int Slot, float Threshold, int True, int False, double Value)
{
    public static TreeNode Leaf(double value) => new(TreeBranch.Leaf, 0, 0f, -1, -1, value);

    public static TreeNode Split(TreeBranch branch, int slot, float threshold, int whenTrue, int whenFalse) =>
        new(branch, slot, threshold, whenTrue, whenFalse, 0);

    public bool IsLeaf => Branch == TreeBranch.Leaf;

    public bool GoesTrue(float feature) => Branch switch
    {
        TreeBranch.Leq => feature <= Threshold,
        TreeBranch.Lt => feature < Threshold,
        TreeBranch.Gte => feature >= Threshold,
        TreeBranch.Gt => feature > Threshold,
        TreeBranch.Eq => feature == Threshold,
        TreeBranch.Neq => feature != Threshold,
        _ => throw new InvalidOperationException("A leaf sends no row anywhere."),
    };
}

/// <summary>
/// A tree ensemble's margin as ONNX's <c>TreeEnsembleRegressor</c> computes it for one target:
/// <see cref="BaseValue"/> plus the leaf each tree sends the feature vector to. The nodes of every
/// tree share one array; <see cref="Roots"/> are where the trees start.
/// </summary>
public sealed class TreeEnsemble
{
    private readonly TreeNode[] _nodes;
    private readonly int[] _roots;

    /// <exception cref="ArgumentException">A child outside the nodes, a node with two parents, or a root that is a child: not a forest.</exception>
    public TreeEnsemble(IReadOnlyList<TreeNode> nodes, IReadOnlyList<int> roots, double baseValue)
    {
        _nodes = [.. nodes];
        _roots = [.. roots];
        BaseValue = baseValue;
        // One parent a node at most and none for a root: every walk from a root ends at a leaf.
        var parents = new int[_nodes.Length];
        foreach (var root in _roots)
        {
            if ((uint)root >= (uint)_nodes.Length) throw new ArgumentException($"Root {root} is not a node.", nameof(roots));
            parents[root]++;
        }
        foreach (var node in _nodes.Where(n => !n.IsLeaf))
        {
            foreach (var child in (ReadOnlySpan<int>)[node.True, node.False])
            {
                if ((uint)child >= (uint)_nodes.Length) throw new ArgumentException($"Child {child} is not a node.", nameof(nodes));
                if (++parents[child] > 1) throw new ArgumentException($"Node {child} is reached twice: the nodes are not a forest.", nameof(nodes));
            }
            if (node.Slot < 0) throw new ArgumentException($"Slot {node.Slot} is not a feature.", nameof(nodes));
        }
        Slots = _nodes.Where(n => !n.IsLeaf).Select(n => n.Slot + 1).DefaultIfEmpty(0).Max();
        Depth = _roots.Length == 0 ? 0 : _roots.Max(DepthOf);
    }

    public ReadOnlySpan<TreeNode> Nodes => _nodes;
    public IReadOnlyList<int> Roots => _roots;
    public double BaseValue { get; }
    /// <summary>The feature vector's width the trees need: one past the highest slot a node reads.</summary>
    public int Slots { get; }
    /// <summary>The most internal nodes on a path from a root to a leaf.</summary>
    public int Depth { get; }

    public double Margin(ReadOnlySpan<float> features)
    {
        var margin = BaseValue;
        foreach (var root in _roots)
        {
            var node = root;
            while (!_nodes[node].IsLeaf) node = _nodes[node].GoesTrue(features[_nodes[node].Slot]) ? _nodes[node].True : _nodes[node].False;
            margin += _nodes[node].Value;
        }
        return margin;
    }

    private int DepthOf(int node) =>
        _nodes[node].IsLeaf ? 0 : 1 + Math.Max(DepthOf(_nodes[node].True), DepthOf(_nodes[node].False));
}
