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
/// log-odds affine in the margin, these are the Shapley values of the log-odds.
/// <para>
/// One walk per tree visits only the nodes some hybrid reaches: where the instance and the baseline
/// go the same way the walk follows them, where they part it follows both, each side claiming the
/// tested input, and stops where an input would have to be claimed by both. The baseline's way at
/// every node is decided once, when the explainer is made.
/// </para>
/// </summary>
public sealed class TreeShapExplainer
{
    private const byte Both = 0;
    private const byte InstanceOnly = 1;
    private const byte BaselineOnly = 2;

    private readonly TreeEnsemble _trees;
    private readonly int[] _slotInputs;
    private readonly bool[] _baselineTrue;
    private readonly double _scale;
    private readonly double _offset;
    // _weights[a * (_depth + 1) + b] = (a−1)! b! / (a+b)!: what a leaf gives each of a inputs only the instance satisfies, with b only the baseline does.
    private readonly double[] _weights;
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
        _slotInputs = [.. slotInputs];
        Inputs = inputs;
        Width = slotInputs.Count;
        _scale = scale;
        _offset = offset;

        var nodes = trees.Nodes;
        _baselineTrue = new bool[nodes.Length];
        for (var n = 0; n < nodes.Length; n++) _baselineTrue[n] = !nodes[n].IsLeaf && nodes[n].GoesTrue(baseline[nodes[n].Slot]);
        BaseLogOdds = LogOdds(baseline);

        // A path claims at most one input per internal node, and no more inputs than there are.
        _depth = Math.Min(trees.Depth, inputs);
        _weights = new double[(_depth + 1) * (_depth + 1)];
        for (var a = 1; a <= _depth; a++)
        {
            // (a−1)! b! / (a+b)! = (1/a) × Π_{k=1..b} k / (a+k): no factorial overflows.
            var weight = 1.0 / a;
            for (var b = 0; b <= _depth; b++)
            {
                if (b > 0) weight *= (double)b / (a + b);
                _weights[a * (_depth + 1) + b] = weight;
            }
        }
    }

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
        if (features.Length != Width) throw new ArgumentException($"A feature vector has {Width} slots, not {features.Length}.", nameof(features));
        if (credits.Length != Inputs) throw new ArgumentException($"There are {Inputs} inputs to credit, not {credits.Length}.", nameof(credits));
        credits.Clear();
        var walk = new Walk(Inputs, _depth);
        foreach (var root in _trees.Roots) Visit(root, features, walk, credits);
        for (var i = 0; i < credits.Length; i++)
            if (credits[i] != 0) credits[i] *= _scale; // not 0 × a negative scale: no "-0" in an answer
        return LogOdds(features);
    }

    private void Visit(int index, ReadOnlySpan<float> features, Walk walk, Span<double> credits)
    {
        var node = _trees.Nodes[index];
        if (node.IsLeaf)
        {
            Credit(node.Value, walk, credits);
            return;
        }
        var instanceTrue = node.GoesTrue(features[node.Slot]);
        var baselineTrue = _baselineTrue[index];
        if (instanceTrue == baselineTrue)
        {
            // Both go the same way: the tested input is free on that side, and no hybrid takes the other.
            Visit(instanceTrue ? node.True : node.False, features, walk, credits);
            return;
        }
        var input = _slotInputs[node.Slot];
        Follow(instanceTrue ? node.True : node.False, input, InstanceOnly, features, walk, credits);
        Follow(baselineTrue ? node.True : node.False, input, BaselineOnly, features, walk, credits);
    }

    /// <summary>Goes on down to <paramref name="child"/> if <paramref name="input"/> can come from <paramref name="side"/>, claiming it there.</summary>
    private void Follow(int child, int input, byte side, ReadOnlySpan<float> features, Walk walk, Span<double> credits)
    {
        var state = walk.State[input];
        if (state == side)
        {
            Visit(child, features, walk, credits);
            return;
        }
        // Claimed by the other side higher up: neither source satisfies every test of this input.
        if (state != Both) return;
        walk.State[input] = side;
        if (side == InstanceOnly) walk.InstanceOnly[walk.A++] = input;
        else walk.BaselineOnly[walk.B++] = input;
        Visit(child, features, walk, credits);
        if (side == InstanceOnly) walk.A--;
        else walk.B--;
        walk.State[input] = Both;
    }

    private void Credit(double value, Walk walk, Span<double> credits)
    {
        var (a, b) = (walk.A, walk.B);
        // Reached by every hybrid (or by none that differs): in both margins, so in no credit.
        if (a + b == 0 || value == 0) return;
        if (a > 0)
        {
            var gain = value * _weights[a * (_depth + 1) + b];
            for (var i = 0; i < a; i++) credits[walk.InstanceOnly[i]] += gain;
        }
        if (b > 0)
        {
            var loss = value * _weights[b * (_depth + 1) + a];
            for (var j = 0; j < b; j++) credits[walk.BaselineOnly[j]] -= loss;
        }
    }

    /// <summary>The state of one walk: which side each input is claimed by, and the claimed inputs of each side.</summary>
    private sealed class Walk(int inputs, int depth)
    {
        public readonly byte[] State = new byte[inputs];
        public readonly int[] InstanceOnly = new int[depth];
        public readonly int[] BaselineOnly = new int[depth];
        public int A;
        public int B;
    }
}
