namespace Platform.Inference.Serving;

/// <summary>
/// Exact Shapley values of a tree ensemble's log-odds against one baseline instance (ADR 23: the
/// instance with every input missing), computed from the trees instead of by sampling orders.
/// The players are the raw inputs; a coalition S is scored on the hybrid row that takes S's inputs
/// from the instance and the others from the baseline. A leaf is reached by a hybrid when, for every
/// input its path tests, the input's source (instance or baseline) satisfies all the path's tests
/// of that input's slots. Let A be the inputs only the instance satisfies and B those only the
/// baseline satisfies (the path's other inputs are satisfied by both, and if one is satisfied by
/// neither no hybrid reaches the leaf). The leaf then adds its value exactly to the hybrids with
/// A ⊆ S and S ∩ B = ∅, a game whose Shapley values are (|A|−1)!|B|!/(|A|+|B|)! for each input of A
/// and −|A|!(|B|−1)!/(|A|+|B|)! for each of B; they sum to the leaf's part of margin(instance) −
/// margin(baseline). Summed over leaves and trees, and scaled by the calibration that makes the
/// log-odds affine in the margin, these are the Shapley values of the log-odds. A regression
/// file's trees sum to its value with no calibration (scale 1, offset 0): "log-odds" below is then
/// the value, in the target's units (ADR 31).
/// <para>
/// One walk per tree visits only the nodes some hybrid reaches: where the instance and the baseline
/// go the same way the walk follows them, where they part it follows both, each side claiming the
/// tested input, and stops where an input would have to be claimed by both. The baseline's way at
/// every node is decided once, when the explainer is made.
/// </para>
/// </summary>
public sealed class TreeShapExplainer : IFeatureVectorExplainer
{
    private const byte Both = 0;
    private const byte InstanceOnly = 1;
    private const byte BaselineOnly = 2;

    private readonly TreeEnsemble _trees;
    private readonly double _scale;
    private readonly double _offset;
    // What a walk reads of each node, in one place, the trees laid out depth first (a node's true
    // child follows it, so a walk mostly reads on); a leaf's value is apart, read once a path.
    private readonly Node[] _nodes;
    private readonly double[] _leaf;
    private readonly int[] _roots;
    // _weights[a * _stride + b] = (a−1)! b! / (a+b)!: what a leaf gives each of a inputs only the instance satisfies, with b only the baseline does.
    private readonly double[] _weights;
    private readonly int _stride;
    private readonly int _depth;

    /// <param name="trees">The ensemble whose margin is explained.</param>
    /// <param name="slotInputs">For each slot of the feature vector, the input (0 … <paramref name="inputs"/> − 1) that owns it.</param>
    /// <param name="inputs">How many inputs take part (the players).</param>
    /// <param name="baseline">The baseline instance's feature vector.</param>
    /// <param name="scale">Log-odds = <paramref name="scale"/> × margin + <paramref name="offset"/>.</param>
    /// <param name="offset">See <paramref name="scale"/>.</param>
    public TreeShapExplainer(TreeEnsemble trees, IReadOnlyList<int> slotInputs, int inputs, ReadOnlySpan<float> baseline, double scale = 1, double offset = 0)
    {
        if (slotInputs.Count < trees.Slots) throw new ArgumentException($"The trees read {trees.Slots} slots; {slotInputs.Count} have an input.", nameof(slotInputs));
        if (baseline.Length != slotInputs.Count) throw new ArgumentException($"The baseline has {baseline.Length} slots, not {slotInputs.Count}.", nameof(baseline));
        if (slotInputs.Any(i => (uint)i >= (uint)inputs)) throw new ArgumentException($"Every slot's input is one of the {inputs} inputs.", nameof(slotInputs));
        _trees = trees;
        Inputs = inputs;
        Width = slotInputs.Count;
        _scale = scale;
        _offset = offset;

        var nodes = trees.Nodes.ToArray();
        var baselineSlots = baseline.ToArray();
        _nodes = new Node[nodes.Length];
        _leaf = new double[nodes.Length];
        var next = 0;
        // Copies the subtree at tree node n to the next places, depth first; answers where it starts.
        int Place(int n)
        {
            var at = next++;
            var node = nodes[n];
            _leaf[at] = node.Value;
            if (node.IsLeaf)
            {
                _nodes[at] = new Node(0, 0, 0f, -1, TreeBranch.Leaf, false);
                return at;
            }
            Place(node.True);
            var whenFalse = Place(node.False);
            _nodes[at] = new Node(node.Slot, slotInputs[node.Slot], node.Threshold, whenFalse, node.Branch, node.GoesTrue(baselineSlots[node.Slot]));
            return at;
        }
        _roots = [.. trees.Roots.Select(Place)];
        BaseLogOdds = LogOdds(baseline);

        // A path claims at most one input per internal node, and no more inputs than there are.
        _depth = Math.Min(trees.Depth, inputs);
        _stride = _depth + 1;
        _weights = new double[_stride * _stride];
        for (var a = 1; a <= _depth; a++)
        {
            // (a−1)! b! / (a+b)! = (1/a) × Π_{k=1..b} k / (a+k): no factorial overflows.
            var weight = 1.0 / a;
            for (var b = 0; b <= _depth; b++)
            {
                if (b > 0) weight *= (double)b / (a + b);
                _weights[a * _stride + b] = weight;
            }
        }
    }

    public string Method => PredictionExplainer.TreeShap;

    /// <summary>The inputs credited (the players).</summary>
    public int Inputs { get; }
    /// <summary>The feature vector's width.</summary>
    public int Width { get; }
    /// <summary>The baseline's log-odds.</summary>
    public double BaseLogOdds { get; }

    public double LogOdds(ReadOnlySpan<float> features) => _scale * _trees.Margin(features) + _offset;

    /// <summary>
    /// Fills <paramref name="credits"/> (one per input) with each input's Shapley value of the
    /// log-odds for the instance whose feature vector is <paramref name="features"/>, and returns its
    /// log-odds; <see cref="BaseLogOdds"/> + Σ credits = that, to float rounding. An input whose
    /// slots equal the baseline's (a missing input) is credited exactly 0.
    /// </summary>
    public double Explain(ReadOnlySpan<float> features, Span<double> credits)
    {
        Span<double> logOdds = stackalloc double[1];
        Explain(features, credits, logOdds);
        return logOdds[0];
    }

    /// <summary>
    /// <see cref="Explain(ReadOnlySpan{float}, Span{double})"/> for <paramref name="logOdds"/>.Length
    /// instances at once: their feature vectors one after the other in <paramref name="features"/>,
    /// their credits likewise in <paramref name="credits"/>.
    /// </summary>
    public void Explain(ReadOnlySpan<float> features, Span<double> credits, Span<double> logOdds)
    {
        var count = logOdds.Length;
        if (features.Length != count * Width) throw new ArgumentException($"{count} feature vectors have {count * Width} slots, not {features.Length}.", nameof(features));
        if (credits.Length != count * Inputs) throw new ArgumentException($"{count} instances have {count * Inputs} credits, not {credits.Length}.", nameof(credits));
        var walk = new Walk(this);
        for (var i = 0; i < count; i++)
        {
            features.Slice(i * Width, Width).CopyTo(walk.Features);
            Array.Clear(walk.Credits);
            walk.Margin = _trees.BaseValue;
            foreach (var root in _roots) walk.Tree(root);
            var instance = credits.Slice(i * Inputs, Inputs);
            for (var c = 0; c < Inputs; c++)
                instance[c] = walk.Credits[c] == 0 ? 0 : walk.Credits[c] * _scale; // not 0 × a negative scale: no "-0" in an answer
            logOdds[i] = _scale * walk.Margin + _offset;
        }
    }

    /// <summary>
    /// A node as a walk reads it: its true child is the node after it, <see cref="False"/> its false
    /// child; <see cref="Input"/> owns <see cref="Slot"/>.
    /// </summary>
    private readonly record struct Node(int Slot, int Input, float Threshold, int False, TreeBranch Branch, bool BaselineTrue)
    {
        public bool IsLeaf => Branch == TreeBranch.Leaf;

        public bool GoesTrue(float feature) => Branch switch
        {
            // FastTree's every node: first.
            TreeBranch.Leq => feature <= Threshold,
            TreeBranch.Lt => feature < Threshold,
            TreeBranch.Gte => feature >= Threshold,
            TreeBranch.Gt => feature > Threshold,
            TreeBranch.Eq => feature == Threshold,
            _ => feature != Threshold,
        };
    }

    /// <summary>
    /// One walk's state: the instance, which side each input is claimed by, the credits, and the
    /// instance's margin (the leaves reached with nothing claimed by the baseline are the instance's
    /// own). A leaf gives the same amount to every input claimed on its path by a side, so rather
    /// than each of them being paid at every leaf, the walk keeps a running total a side's inputs
    /// have gained in the tree, and pays a claimed input what the total grew by while it was claimed.
    /// </summary>
    private sealed class Walk(TreeShapExplainer e)
    {
        public readonly float[] Features = new float[e.Width];
        public readonly double[] Credits = new double[e.Inputs];
        public double Margin;
        private readonly byte[] _state = new byte[e.Inputs];
        // The running totals when each claim on the path was made, by side.
        private readonly double[] _gainedBefore = new double[e._depth];
        private readonly double[] _lostBefore = new double[e._depth];
        private int _a;
        private int _b;
        private double _gained;
        private double _lost;

        public void Tree(int root)
        {
            _gained = _lost = 0;
            Visit(root);
        }

        private void Visit(int index)
        {
            var nodes = e._nodes;
            while (true)
            {
                ref readonly var node = ref nodes[index];
                if (node.IsLeaf)
                {
                    Credit(e._leaf[index]);
                    return;
                }
                var feature = Features[node.Slot];
                var instanceTrue = node.Branch == TreeBranch.Leq ? feature <= node.Threshold : node.GoesTrue(feature);
                var instanceChild = instanceTrue ? index + 1 : node.False;
                // Both go the same way: the tested input is free there, and no hybrid takes the other way.
                if (instanceTrue == node.BaselineTrue)
                {
                    index = instanceChild;
                    continue;
                }
                var baselineChild = node.BaselineTrue ? index + 1 : node.False;
                var input = node.Input;
                switch (_state[input])
                {
                    // Claimed higher up: only that side's way is open (the other needs both sources at once).
                    case InstanceOnly:
                        index = instanceChild;
                        continue;
                    case BaselineOnly:
                        index = baselineChild;
                        continue;
                }
                _state[input] = InstanceOnly;
                _gainedBefore[_a++] = _gained;
                Visit(instanceChild);
                Credits[input] += _gained - _gainedBefore[--_a];
                _state[input] = BaselineOnly;
                _lostBefore[_b++] = _lost;
                Visit(baselineChild);
                Credits[input] -= _lost - _lostBefore[--_b];
                _state[input] = Both;
                return;
            }
        }

        private void Credit(double value)
        {
            var (a, b) = (_a, _b);
            // Nothing claimed by the baseline: the instance's own leaf.
            if (b == 0) Margin += value;
            // Reached by every hybrid (or by none that differs): in both margins, so in no credit.
            if (a > 0) _gained += value * e._weights[a * e._stride + b];
            if (b > 0) _lost += value * e._weights[b * e._stride + a];
        }
    }
}
