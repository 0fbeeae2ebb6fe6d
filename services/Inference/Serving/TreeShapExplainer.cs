using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// <para>
/// With the baseline fixed, what a tree credits depends only on which way the instance goes at each
/// of its splits. A tree of at most <see cref="MostTabledSplits"/> splits (the trainer's 8-leaf trees
/// have 7) is therefore walked once per pattern of ways when the explainer is made, and its credits
/// to the inputs it tests and its leaf kept in a table (each distinct row once: most patterns share
/// an outcome); explaining an instance then compares its slots with every split's threshold and adds
/// the pattern's row. Taken a tree at a time over the batch, a split compares the slot of several
/// instances at once (SIMD) and the tree's table stays in the cache. A larger tree, and the trees
/// past <see cref="MostTableBytes"/> (the memory tables may cost a model), are walked.
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
    // For the walk that fills a table: each node's bit in the pattern of its tree's splits.
    private readonly int[] _bit;
    private readonly TabledTree[] _tabled;
    private readonly int[] _walked;

    /// <summary>The most splits a tree may have to be tabled: its table has 2^splits rows.</summary>
    public const int MostTabledSplits = 10;

    /// <summary>The most bytes an explainer's tables may hold; the trees past it are walked.</summary>
    public const long MostTableBytes = 8L << 20;

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
        _bit = new int[_nodes.Length];

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

        var tabled = new List<TabledTree>();
        var walked = new List<int>();
        var bytes = 0L;
        foreach (var root in _roots)
        {
            if (Table(root, MostTableBytes - bytes) is { } table)
            {
                tabled.Add(table);
                bytes += table.Bytes;
            }
            else walked.Add(root);
        }
        _tabled = [.. tabled];
        _walked = [.. walked];
    }

    /// <summary>How many of the trees are explained from a table (the others are walked).</summary>
    public int TabledTrees => _tabled.Length;

    /// <summary>What the tables hold, in bytes: the memory tabling costs.</summary>
    public long TableBytes => _tabled.Sum(t => t.Bytes);

    /// <summary>The tree at <paramref name="root"/> as a table, or null if it has too many splits or its table more than <paramref name="room"/> bytes.</summary>
    private TabledTree? Table(int root, long room)
    {
        // The tree's nodes are the places from its root up to the next tree's root: depth first, contiguous.
        var splits = new List<int>();
        var end = root;
        for (var open = 1; open > 0; end++) open += _nodes[end].IsLeaf ? -1 : 1;
        for (var n = root; n < end; n++)
            if (!_nodes[n].IsLeaf)
            {
                if (splits.Count == MostTabledSplits) return null;
                _bit[n] = splits.Count;
                splits.Add(n);
            }
        // A row credits the inputs from the lowest the tree tests to the highest, all of them (0 for those it does not
        // test): added as one run of vectors, without an index per credit.
        var first = splits.Count == 0 ? 0 : splits.Min(n => _nodes[n].Input);
        var span = splits.Count == 0 ? 0 : splits.Max(n => _nodes[n].Input) - first + 1;
        var width = span + 1;
        // Many patterns reach the same outcome (a split the walk does not reach for them is free): each distinct
        // row is kept once and the patterns point at it, which keeps the tables small enough to stay in the cache.
        var rowOf = new ushort[1 << splits.Count];
        var distinct = new Dictionary<Row, ushort>();
        var rows = new List<double>();
        var walk = new Walk(this);
        for (var pattern = 0; pattern < rowOf.Length; pattern++)
        {
            Array.Clear(walk.Credits);
            walk.Margin = 0;
            walk.Pattern = pattern;
            walk.Tree(root);
            var row = new double[width];
            row[0] = walk.Margin;
            for (var k = 0; k < span; k++) row[1 + k] = walk.Credits[first + k];
            if (!distinct.TryGetValue(new Row(row), out var at))
            {
                distinct.Add(new Row(row), at = (ushort)distinct.Count);
                rows.AddRange(row);
            }
            rowOf[pattern] = at;
        }
        var table = new TabledTree(
            [.. splits.Select(n => _nodes[n].Slot)],
            [.. splits.Select(n => _nodes[n].Threshold)],
            [.. splits.Select(n => _nodes[n].Branch)],
            first, span, rowOf, [.. rows]);
        return table.Bytes <= room ? table : null;
    }

    /// <summary>A table's row as a dictionary key: equal when every value is bit for bit the same.</summary>
    private readonly record struct Row(double[] Values)
    {
        public bool Equals(Row other) => Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values) hash.Add(value);
            return hash.ToHashCode();
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
        // The tabled trees a tree at a time over the batch, then the others an instance at a time. The feature
        // vectors slot by slot, so that a split compares many instances' slots with its threshold at once.
        var sums = new double[count * Inputs];
        var margins = new double[count];
        if (_tabled.Length > 0)
        {
            var bySlot = new float[Width * count];
            for (var i = 0; i < count; i++)
                for (var slot = 0; slot < Width; slot++) bySlot[slot * count + i] = features[i * Width + slot];
            var patterns = new int[count];
            foreach (var tree in _tabled) tree.Add(bySlot, patterns, sums, Inputs, margins);
        }
        var walk = _walked.Length > 0 ? new Walk(this) : null;
        for (var i = 0; i < count; i++)
        {
            var sum = sums.AsSpan(i * Inputs, Inputs);
            var margin = _trees.BaseValue + margins[i];
            if (walk is not null)
            {
                features.Slice(i * Width, Width).CopyTo(walk.Features);
                sum.CopyTo(walk.Credits);
                walk.Margin = margin;
                foreach (var root in _walked) walk.Tree(root);
                walk.Credits.CopyTo(sum);
                margin = walk.Margin;
            }
            var instance = credits.Slice(i * Inputs, Inputs);
            for (var c = 0; c < Inputs; c++)
                instance[c] = sum[c] == 0 ? 0 : sum[c] * _scale; // not 0 × a negative scale: no "-0" in an answer
            logOdds[i] = _scale * margin + _offset;
        }
    }

    /// <summary>
    /// A tree as a table: its splits (slot, threshold, branch, in its walk's bit order), the inputs
    /// it credits (<paramref name="span"/> from <paramref name="first"/>), and per pattern of the instance's ways (bit k set: true at split k) which of its
    /// distinct rows it gets: the leaf the instance reaches (its margin), then each input's credit.
    /// </summary>
    private sealed class TabledTree(int[] slots, float[] thresholds, TreeBranch[] branches, int first, int span, ushort[] rowOf, double[] rows)
    {
        private readonly bool _allLeq = branches.All(b => b == TreeBranch.Leq);

        public long Bytes => rows.Length * sizeof(double) + rowOf.Length * sizeof(ushort) + slots.Length * (sizeof(int) + sizeof(float) + 1);

        /// <param name="bySlot">The instances' feature vectors slot by slot: slot s of instance i at s × count + i.</param>
        /// <param name="patterns">Room for each instance's pattern.</param>
        public void Add(float[] bySlot, int[] patterns, double[] sums, int inputCount, double[] margins)
        {
            var count = patterns.Length;
            if (Vector.IsHardwareAccelerated && count >= Vector<float>.Count)
            {
                Array.Clear(patterns);
                for (var k = 0; k < slots.Length; k++) Compare(bySlot.AsSpan(slots[k] * count, count), thresholds[k], branches[k], 1 << k, patterns);
            }
            else
            {
                // Too few instances to fill a vector: an instance's splits one after the other, "<=" without a branch.
                for (var i = 0; i < count; i++)
                {
                    var pattern = 0;
                    if (_allLeq)
                        for (var k = 0; k < slots.Length; k++) pattern |= (bySlot[slots[k] * count + i] <= thresholds[k] ? 1 : 0) << k;
                    else
                        for (var k = 0; k < slots.Length; k++)
                            if (new Node(0, 0, thresholds[k], 0, branches[k], false).GoesTrue(bySlot[slots[k] * count + i])) pattern |= 1 << k;
                    patterns[i] = pattern;
                }
            }
            var stride = span + 1;
            // Unchecked: a pattern's row is one of the table's, and the inputs it credits are within a sum.
            ref var table = ref MemoryMarshal.GetArrayDataReference(rows);
            for (var i = 0; i < count; i++)
            {
                ref var row = ref Unsafe.Add(ref table, rowOf[patterns[i]] * stride);
                margins[i] += row;
                ref var credits = ref sums[i * inputCount + first];
                ref var add = ref Unsafe.Add(ref row, 1);
                var k = 0;
                for (; k + Vector<double>.Count <= span; k += Vector<double>.Count)
                    (Vector.LoadUnsafe(ref credits, (nuint)k) + Vector.LoadUnsafe(ref add, (nuint)k)).StoreUnsafe(ref credits, (nuint)k);
                for (; k < span; k++) Unsafe.Add(ref credits, k) += Unsafe.Add(ref add, k);
            }
        }

        /// <summary>Sets <paramref name="bit"/> in the pattern of each instance whose slot goes true at the split, as ONNX Runtime compares (NaN: true only for Neq).</summary>
        private static void Compare(ReadOnlySpan<float> slot, float threshold, TreeBranch branch, int bit, Span<int> patterns)
        {
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var against = new Vector<float>(threshold);
                var set = new Vector<int>(bit);
                for (; i + Vector<float>.Count <= slot.Length; i += Vector<float>.Count)
                {
                    var values = new Vector<float>(slot[i..]);
                    var goesTrue = branch switch
                    {
                        TreeBranch.Leq => Vector.LessThanOrEqual(values, against),
                        TreeBranch.Lt => Vector.LessThan(values, against),
                        TreeBranch.Gte => Vector.GreaterThanOrEqual(values, against),
                        TreeBranch.Gt => Vector.GreaterThan(values, against),
                        TreeBranch.Eq => Vector.Equals(values, against),
                        _ => ~Vector.Equals(values, against),
                    };
                    var target = patterns[i..];
                    (new Vector<int>(target) | (goesTrue & set)).CopyTo(target);
                }
            }
            var node = new Node(0, 0, threshold, 0, branch, false);
            for (; i < slot.Length; i++)
                if (node.GoesTrue(slot[i])) patterns[i] |= bit;
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
        // When at least 0, the instance's ways at the tree's splits (a table being filled), not its features.
        public int Pattern = -1;
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
                var instanceTrue = Pattern >= 0 ? (Pattern >> e._bit[index] & 1) != 0
                    : node.Branch == TreeBranch.Leq ? feature <= node.Threshold : node.GoesTrue(feature);
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
