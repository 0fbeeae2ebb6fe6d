using Platform.Inference.Serving;
using Platform.Inference.Tests.Onnx;

namespace Platform.Inference.Tests;

/// <summary>
/// The leaf rule of <see cref="TreeShapExplainer"/> (ADR 23) on trees written by hand and on random
/// forests, against the Shapley values computed by brute force: every coalition of inputs scored on
/// its hybrid feature vector (the coalition's slots from the instance, the others from the baseline).
/// </summary>
public class TreeShapExplainerTests
{
    [Fact]
    public void A_hand_written_tree_is_credited_its_exact_shapley_values()
    {
        // Input 0 owns slot 0; input 1 owns slots 1 and 2 (a one-hot pair); input 2 owns slot 3.
        // Node 0: slot 0 <= 0 ? node 1 : node 2. Node 1: slot 1 <= 0.5 ? leaf 3 (1) : node 4. Node 4: slot 2 > 0.5 ? leaf 5 (10) : leaf 6 (-2).
        // Node 2: slot 3 < 1 ? leaf 7 (4) : leaf 8 (-8).
        TreeNode[] nodes =
        [
            TreeNode.Split(TreeBranch.Leq, 0, 0f, 1, 2),
            TreeNode.Split(TreeBranch.Leq, 1, 0.5f, 3, 4),
            TreeNode.Split(TreeBranch.Lt, 3, 1f, 7, 8),
            TreeNode.Leaf(1),
            TreeNode.Split(TreeBranch.Gt, 2, 0.5f, 5, 6),
            TreeNode.Leaf(10),
            TreeNode.Leaf(-2),
            TreeNode.Leaf(4),
            TreeNode.Leaf(-8),
        ];
        var trees = new TreeEnsemble(nodes, [0], baseValue: 0.5);
        int[] owners = [0, 1, 1, 2];
        float[] baseline = [1f, 0f, 0f, 0f];   // goes right at node 0, then leaf 7: margin 4.5
        float[] instance = [-1f, 1f, 1f, 2f];  // goes left, then leaf 5: margin 10.5

        var explainer = new TreeShapExplainer(trees, owners, 3, baseline, scale: -2, offset: 0.25);
        var credits = new double[3];
        var logOdds = explainer.Explain(instance, credits);

        // By hand, for each leaf, the inputs only the instance satisfies (A) and only the baseline does (B):
        // leaf 5 (10): A = {0, 1}, +5 each. Leaf 3 (1): A = {0}, B = {1} (the baseline's pair (0,0) passes
        // slot 1 <= 0.5), +1/2 and −1/2. Leaf 6: input 1 would need the instance's slot 1 and the
        // baseline's slot 2, so no hybrid reaches it. Leaf 7 (4): B = {0, 2}, −2 each. Leaf 8 (−8):
        // A = {2}, B = {0}: −4 to input 2, +4 to input 0. Margin credits 7.5, 4.5, −6: they sum to 10.5 − 4.5.
        Assert.Equal(-2 * 10.5 + 0.25, logOdds, 12);
        Assert.Equal(-2 * 4.5 + 0.25, explainer.BaseLogOdds, 12);
        var expected = BruteForce(trees, owners, 3, instance, baseline);
        for (var i = 0; i < 3; i++) Assert.Equal(-2 * expected[i], credits[i], 12);
        Assert.Equal([-2 * 7.5, -2 * 4.5, -2 * -6.0], credits);
        Assert.Equal(logOdds, explainer.BaseLogOdds + credits.Sum(), 12);
    }

    [Fact]
    public void Random_forests_are_credited_their_exact_shapley_values_and_a_missing_input_nothing()
    {
        var random = new Random(7);
        int tabled = 0, walked = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var inputs = random.Next(1, 7);
            // Each input owns one to three slots, in order.
            var owners = Enumerable.Range(0, inputs).SelectMany(i => Enumerable.Repeat(i, random.Next(1, 4))).ToArray();
            // Half the forests split by "<=" only (as FastTree's do), which a table compares apart.
            var trees = RandomForest(random, owners.Length, trees: random.Next(1, 6), maxDepth: random.Next(1, 7), onlyLeq: trial % 2 == 0);
            var baseline = Enumerable.Range(0, owners.Length).Select(_ => (float)random.Next(-2, 3)).ToArray();
            var instance = Enumerable.Range(0, owners.Length).Select(_ => (float)random.Next(-2, 3)).ToArray();
            // One input is missing: its slots are the baseline's.
            var missing = random.Next(inputs);
            for (var s = 0; s < owners.Length; s++) if (owners[s] == missing) instance[s] = baseline[s];

            var explainer = new TreeShapExplainer(trees, owners, inputs, baseline, scale: 1.5, offset: -1);
            tabled += explainer.TabledTrees;
            walked += trees.Roots.Count - explainer.TabledTrees;
            var credits = new double[inputs];
            var logOdds = explainer.Explain(instance, credits);

            var expected = BruteForce(trees, owners, inputs, instance, baseline);
            for (var i = 0; i < inputs; i++) Assert.Equal(1.5 * expected[i], credits[i], 9);
            Assert.Equal(1.5 * trees.Margin(instance) - 1, logOdds, 12);
            Assert.Equal(logOdds, explainer.BaseLogOdds + credits.Sum(), 9);
            Assert.Equal(0.0, credits[missing]);
        }
        // Both ways of explaining a tree were checked: from its table (at most 10 splits) and by walking it.
        Assert.True(tabled > 100 && walked > 50, $"{tabled} trees tabled, {walked} walked.");
    }

    [Fact]
    public void A_batch_is_credited_as_each_of_its_instances_alone()
    {
        var random = new Random(11);
        int[] owners = [0, 0, 1, 2, 3, 3, 4];
        // Shallow trees are tabled, deep ones walked: a batch mixes both per instance. Every branch mode is compared
        // several instances at a time (9: one vector of 8 and one alone, or as many as the machine's vectors hold).
        var trees = RandomForest(random, owners.Length, trees: 12, maxDepth: 6);
        var baseline = Enumerable.Range(0, owners.Length).Select(_ => (float)random.Next(-2, 3)).ToArray();
        var explainer = new TreeShapExplainer(trees, owners, 5, baseline);
        Assert.InRange(explainer.TabledTrees, 1, 11);
        var features = Enumerable.Range(0, 9 * owners.Length).Select(_ => random.Next(5) == 0 ? float.NaN : (float)random.Next(-2, 3)).ToArray();

        var credits = new double[9 * 5];
        var logOdds = new double[9];
        explainer.Explain(features, credits, logOdds);

        for (var i = 0; i < 9; i++)
        {
            var alone = new double[5];
            Assert.Equal(explainer.Explain(features.AsSpan(i * owners.Length, owners.Length), alone), logOdds[i], 12);
            for (var c = 0; c < 5; c++) Assert.Equal(alone[c], credits[i * 5 + c], 12);
            var expected = BruteForce(trees, owners, 5, features[(i * owners.Length)..((i + 1) * owners.Length)], baseline);
            for (var c = 0; c < 5; c++) Assert.Equal(expected[c], credits[i * 5 + c], 9);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_tree_ensemble_loads_as_before_and_is_not_explained_by_trees()
    {
        using var model = OnnxScoringModel.Load(TestModel.Build(), bytes => new Microsoft.ML.OnnxRuntime.InferenceSession(bytes));

        Assert.Null(model.TreeShap);
        Assert.Equal(2, model.Score(new FeatureBatch(2, [new NumericColumn("age", [30f, float.NaN]), new CategoricalColumn("region", ["north", ""])])).Count);
        Assert.Throws<InvalidOperationException>(() => model.ScoreWithFeatureVectors(new FeatureBatch(1, [new NumericColumn("age", [1f]), new CategoricalColumn("region", [""])])));
    }

    /// <summary>φ_i = Σ over coalitions S without i of |S|! (k − |S| − 1)! / k! × (v(S ∪ {i}) − v(S)), v(S) the hybrid's margin.</summary>
    private static double[] BruteForce(TreeEnsemble trees, int[] owners, int inputs, float[] instance, float[] baseline)
    {
        var values = new double[1 << inputs];
        var hybrid = new float[owners.Length];
        for (var coalition = 0; coalition < values.Length; coalition++)
        {
            for (var s = 0; s < owners.Length; s++) hybrid[s] = (coalition & (1 << owners[s])) != 0 ? instance[s] : baseline[s];
            values[coalition] = trees.Margin(hybrid);
        }
        var shapley = new double[inputs];
        for (var i = 0; i < inputs; i++)
        {
            for (var coalition = 0; coalition < values.Length; coalition++)
            {
                if ((coalition & (1 << i)) != 0) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)coalition);
                shapley[i] += Factorial(size) * Factorial(inputs - size - 1) / Factorial(inputs) * (values[coalition | (1 << i)] - values[coalition]);
            }
        }
        return shapley;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    /// <summary>Full random trees over <paramref name="slots"/> slots with small integer thresholds, so that paths test a slot several times.</summary>
    private static TreeEnsemble RandomForest(Random random, int slots, int trees, int maxDepth, bool onlyLeq = false)
    {
        var nodes = new List<TreeNode>();
        var roots = new List<int>();
        TreeBranch[] branches = [TreeBranch.Leq, TreeBranch.Lt, TreeBranch.Gte, TreeBranch.Gt, TreeBranch.Eq, TreeBranch.Neq];
        int Grow(int depth)
        {
            var index = nodes.Count;
            if (depth == maxDepth || random.NextDouble() < 0.2)
            {
                nodes.Add(TreeNode.Leaf(Math.Round(random.NextDouble() * 10 - 5, 3)));
                return index;
            }
            nodes.Add(default);
            var whenTrue = Grow(depth + 1);
            var whenFalse = Grow(depth + 1);
            nodes[index] = TreeNode.Split(onlyLeq ? TreeBranch.Leq : branches[random.Next(branches.Length)], random.Next(slots), random.Next(-2, 3) + 0.5f * random.Next(0, 2), whenTrue, whenFalse);
            return index;
        }
        for (var t = 0; t < trees; t++) roots.Add(Grow(0));
        return new TreeEnsemble(nodes, roots, baseValue: random.NextDouble());
    }
}
