using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Serving;
using Platform.Inference.Tests.Onnx;

namespace Platform.Inference.Tests;

/// <summary>
/// Explanations of a regression model's value, in the target's units (ADR 31): exact for linear
/// regression (each input's term against its missing term), tree-shap for a regression trees file
/// (against the Shapley values by brute force over every coalition, each hybrid scored by the file's
/// own session), sampled for an MLP and for trees whose sum is not the value itself (a blend's).
/// Every explanation adds up: base + contributions + other = the instance's value.
/// </summary>
public sealed class RegressionExplanationTests
{
    // The credits telescope in double from float values: they add up to rounding of doubles.
    private const double AddsUp = 1e-9;

    private static OnnxScoringModel Load(byte[] file) => OnnxScoringModel.Load(file, bytes => new InferenceSession(bytes));

    private static void AssertAddsUp(Platform.Contracts.Api.Inference.ExplanationResponse e) =>
        Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(c => c.Contribution) + e.Other, AddsUp);

    [Fact]
    public void Linear_regression_is_explained_exactly_each_input_credited_its_term_against_its_missing_term()
    {
        using var model = Load(RegressionTestModel.Linear());
        var batch = new FeatureBatch(2, [
            new NumericColumn("rooms", [4f, float.NaN]),
            new NumericColumn("area", [120f, 80.5f]),
            new CategoricalColumn("city", ["north", "south"]),
        ]);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 3);

        var first = explanations[0];
        Assert.Equal(("price", PredictionExplainer.Exact, 1), (first.Class, first.Method, first.Permutations));
        // Baseline: 10 × 3 + 2 × 100 + 0 + 50 = 280; the instance 355.
        Assert.Equal(280, first.BaseLogOdds, 4);
        Assert.Equal(355, first.LogOdds, 4);
        // area 2 × (120 − 100) = 40, city 25, rooms 10 × (4 − 3) = 10: largest first.
        Assert.Equal(["area", "city", "rooms"], first.Contributions.Select(c => c.Feature));
        Assert.Equal([40.0, 25.0, 10.0], first.Contributions.Select(c => Math.Round(c.Contribution, 4)));
        Assert.Equal(0, first.Other);
        AssertAddsUp(first);

        // rooms is missing: credited exactly 0; area 2 × (80.5 − 100) = −39; "south" is not north: 0.
        var second = explanations[1];
        Assert.Equal(-39, second.Contributions.Single(c => c.Feature == "area").Contribution, 4);
        Assert.Equal(0.0, second.Contributions.Single(c => c.Feature == "rooms").Contribution);
        Assert.Equal(0.0, second.Contributions.Single(c => c.Feature == "city").Contribution);
        Assert.Equal(241, second.LogOdds, 4);
        AssertAddsUp(second);
    }

    [Fact]
    public void A_regression_trees_files_credits_are_its_exact_shapley_values_and_add_up_to_its_value()
    {
        using var model = Load(RegressionTestModel.Trees());
        Assert.NotNull(model.TreeShap);
        float[] a = [2f, -2f, float.NaN, 1f, 0.5f];
        float[] b = [3f, -1f, 2.5f, float.NaN, 0f];
        string[] c = ["y", "x", "", "y", "zzz"];
        var batch = new FeatureBatch(a.Length, [new NumericColumn("a", a), new NumericColumn("b", b), new CategoricalColumn("c", c)]);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 3);

        // All missing: a 0, b 1, c coded 0: 100 − 5 − 2.5 − 1.
        Assert.Equal(91.5, model.TreeShap!.BaseLogOdds, 9);
        // a 2 > 1.5 and c "y" (2) > 0.5: 7; b 3 > 2: 4; c 2 > 1.5: 2.
        Assert.Equal(113, explanations[0].LogOdds, 9);
        var worst = 0.0;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal(("price", PredictionExplainer.TreeShap, 0), (e.Class, e.Method, e.Permutations));
            Assert.Equal(RegressionTestModel.TreesValue(a[i], b[i], c[i]), e.LogOdds, 9);
            Assert.Equal(91.5, e.BaseLogOdds, 9);
            AssertAddsUp(e);
            var shapley = BruteForce(model, a[i], b[i], c[i]);
            foreach (var credit in e.Contributions)
            {
                var expected = shapley[credit.Feature];
                worst = Math.Max(worst, Math.Abs(expected - credit.Contribution));
                Assert.Equal(expected, credit.Contribution, 4);
            }
        }
        Assert.True(worst < 1e-4, $"largest gap {worst}");
        // A missing input is credited exactly nothing (the third instance's a and c).
        Assert.Equal(0.0, explanations[2].Contributions.Single(x => x.Feature == "a").Contribution);
        Assert.Equal(0.0, explanations[2].Contributions.Single(x => x.Feature == "c").Contribution);
    }

    [Fact]
    public void Scoring_and_explaining_a_regression_trees_file_in_one_run_answers_its_plain_values()
    {
        using var model = Load(RegressionTestModel.Trees());
        var batch = new FeatureBatch(2, [new NumericColumn("a", [2f, float.NaN]), new NumericColumn("b", [3f, -1f]), new CategoricalColumn("c", ["y", "x"])]);

        var (predictions, explanations) = PredictionExplainer.ScoreAndExplain(model, batch, top: 2)!.Value;

        Assert.Equal(model.Score(batch).Select(p => p.Value), predictions.Select(p => p.Value));
        Assert.Equal([113.0, RegressionTestModel.TreesValue(float.NaN, -1f, "x")], predictions.Select(p => p.Value!.Value));
        Assert.All(explanations, e => Assert.Equal(2, e.Contributions.Count));
        for (var i = 0; i < 2; i++) Assert.Equal(predictions[i].Value!.Value, explanations[i].LogOdds, 4);
    }

    [Fact]
    public void Trees_whose_sum_is_not_the_value_itself_are_sampled_not_misread()
    {
        using var model = Load(RegressionTestModel.Trees(throughMean: true));
        var batch = new FeatureBatch(1, [new NumericColumn("a", [2f]), new NumericColumn("b", [3f]), new CategoricalColumn("c", ["y"])]);

        Assert.Null(model.TreeShap);
        var e = Assert.Single(PredictionExplainer.Explain(model, batch, permutations: 4, top: 3));
        Assert.Equal((PredictionExplainer.SampledShapley, 4), (e.Method, e.Permutations));
        Assert.Equal(113, e.LogOdds, 4);
        Assert.Equal(91.5, e.BaseLogOdds, 4);
        AssertAddsUp(e);
    }

    [Fact]
    public void An_mlp_regression_is_explained_from_its_weights_and_its_credits_add_up_to_its_value()
    {
        using var model = Load(RegressionTestModel.Mlp());
        float[] a = [2f, -1f, float.NaN];
        float[] b = [0.5f, 3f, 2f];
        var batch = new FeatureBatch(3, [new NumericColumn("a", a), new NumericColumn("b", b)]);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 1);
        var values = model.Score(batch);

        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            // A float ReLU network is read at load and explained by DeepLIFT (ADR 23, amended): no order sampled.
            Assert.Equal(("price", PredictionExplainer.DeepLift, 0), (e.Class, e.Method, e.Permutations));
            Assert.Single(e.Contributions);
            Assert.Equal(RegressionTestModel.MlpValue(a[i], b[i]), e.LogOdds, 4);
            Assert.Equal(values[i].Value!.Value, e.LogOdds, 4);
            // All missing: relu(0 + 1 − 1) = 0, relu(0 − 2 + 0.5) = 0: the bias, 10.
            Assert.Equal(10, e.BaseLogOdds, 4);
            AssertAddsUp(e);
        }
        // a missing: b alone moves the value, relu(0 + 2 − 1) × 3 = 3, and a is credited exactly 0 (all of "other").
        Assert.Equal("b", explanations[2].Contributions[0].Feature);
        Assert.Equal(3, explanations[2].Contributions[0].Contribution, 4);
        Assert.Equal(0.0, explanations[2].Other);
    }

    /// <summary>
    /// φ_i = Σ over coalitions S without i of |S|! (k − |S| − 1)! / k! × (v(S ∪ {i}) − v(S)), v(S) the
    /// file's value for the hybrid row: S's inputs from the instance, the others missing.
    /// </summary>
    private static Dictionary<string, double> BruteForce(OnnxScoringModel model, float a, float b, string c)
    {
        const int k = 3;
        var rows = 1 << k;
        var hybrids = new FeatureBatch(rows, [
            new NumericColumn("a", [.. Enumerable.Range(0, rows).Select(s => (s & 1) != 0 ? a : float.NaN)]),
            new NumericColumn("b", [.. Enumerable.Range(0, rows).Select(s => (s & 2) != 0 ? b : float.NaN)]),
            new CategoricalColumn("c", [.. Enumerable.Range(0, rows).Select(s => (s & 4) != 0 ? c : "")]),
        ]);
        var values = model.Score(hybrids).Select(p => p.Value!.Value).ToArray();
        string[] names = ["a", "b", "c"];
        var shapley = new Dictionary<string, double>();
        for (var i = 0; i < k; i++)
        {
            var phi = 0.0;
            for (var s = 0; s < rows; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                var size = BitOperations.PopCount((uint)s);
                phi += Factorial(size) * Factorial(k - size - 1) / Factorial(k) * (values[s | (1 << i)] - values[s]);
            }
            shapley[names[i]] = phi;
        }
        return shapley;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
