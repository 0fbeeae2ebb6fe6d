namespace Platform.Inference.Serving;

/// <summary>
/// A blend's credits from its members' (ADR 23, amended): the trees' exact Shapley values and the
/// network's DeepLIFT credits, each in its member's own log-odds, carried through the blend's
/// nonlinearity by DeepLIFT's rescale rule. A member's probability moved r = Δp / Δlog-odds per unit
/// of its log-odds (the secant between baseline and instance; the slope where they coincide), the
/// Mean halves each, and the blend's log-odds moved k = Δlog-odds / Δp per unit of its probability:
/// an input's credit is k × ½ × (r_trees × its trees credit + r_network × its network credit). The
/// credits add up exactly to the blend's log-odds minus the baseline's. A regression blend's value
/// is the members' mean, so its credits are the mean of theirs.
/// </summary>
internal sealed class BlendExplainer : IFeatureVectorExplainer
{
    private readonly TreeShapExplainer _trees;
    private readonly double _networkBase;
    private readonly bool _regression;

    public BlendExplainer(TreeShapExplainer trees, int inputs, double networkBase, bool regression)
    {
        _trees = trees;
        _networkBase = networkBase;
        _regression = regression;
        Inputs = inputs;
        BaseLogOdds = regression ? (trees.BaseLogOdds + networkBase) / 2 : Logit((Sigmoid(trees.BaseLogOdds) + Sigmoid(networkBase)) / 2);
    }

    /// <summary>The members' methods: exact Shapley values for the trees, DeepLIFT for the network.</summary>
    public string Method => PredictionExplainer.Blend;
    public int Inputs { get; }
    /// <summary>The trees' feature vector, then the network's credits per input.</summary>
    public int Width => _trees.Width + Inputs;
    public double BaseLogOdds { get; }

    public void Explain(ReadOnlySpan<float> features, Span<double> credits, Span<double> logOdds)
    {
        var count = logOdds.Length;
        if (features.Length != count * Width) throw new ArgumentException($"{count} instances have {count * Width} values, not {features.Length}.", nameof(features));
        // The trees explain the whole batch at once (their tables are taken a tree at a time over it).
        var treeFeatures = new float[count * _trees.Width];
        for (var i = 0; i < count; i++) features.Slice(i * Width, _trees.Width).CopyTo(treeFeatures.AsSpan(i * _trees.Width));
        var allTreeCredits = new double[count * Inputs];
        var treeLogOdds = new double[count];
        _trees.Explain(treeFeatures, allTreeCredits, treeLogOdds);
        for (var i = 0; i < count; i++)
        {
            var row = features.Slice(i * Width, Width);
            var treeCredits = allTreeCredits.AsSpan(i * Inputs, Inputs);
            var network = row[_trees.Width..];
            var networkLogOdds = _networkBase;
            for (var c = 0; c < Inputs; c++) networkLogOdds += network[c];

            double treeWeight, networkWeight;
            if (_regression)
            {
                (treeWeight, networkWeight) = (0.5, 0.5);
            }
            else
            {
                var (treeMove, networkMove) = (Move(_trees.BaseLogOdds, treeLogOdds[i]), Move(_networkBase, networkLogOdds));
                var before = (Sigmoid(_trees.BaseLogOdds) + Sigmoid(_networkBase)) / 2;
                var after = (Sigmoid(treeLogOdds[i]) + Sigmoid(networkLogOdds)) / 2;
                var scale = Math.Abs(after - before) > 1e-12 ? (Logit(after) - Logit(before)) / (after - before) : 1 / (after * (1 - after));
                (treeWeight, networkWeight) = (scale * treeMove / 2, scale * networkMove / 2);
            }
            var instance = credits.Slice(i * Inputs, Inputs);
            var sum = BaseLogOdds;
            for (var c = 0; c < Inputs; c++)
            {
                instance[c] = treeWeight * treeCredits[c] + networkWeight * network[c];
                sum += instance[c];
            }
            logOdds[i] = sum;
        }
    }

    /// <summary>How far a member's probability moves per unit of its log-odds from the baseline's to the instance's.</summary>
    private static double Move(double from, double to) =>
        Math.Abs(to - from) > 1e-9 ? (Sigmoid(to) - Sigmoid(from)) / (to - from) : Sigmoid(to) * (1 - Sigmoid(to));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
