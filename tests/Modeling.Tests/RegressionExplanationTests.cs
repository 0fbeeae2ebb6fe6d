using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Serving;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// Regression files as the trainer writes them (ADR 31), read and explained by serving: the finance
/// sample's loan <c>Amount</c> learned by each family; serving reads the task and scores the file's
/// own values; linear regression is explained exactly, the boosted trees from their trees (against
/// the Shapley values by brute force over all 8,192 coalitions of the 13 inputs, each hybrid scored
/// by the file's session), the MLP by sampling; every explanation adds up to the instance's value.
/// </summary>
public class RegressionExplanationTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, Lazy<byte[]>> Files = new[] { ModelFamilies.LinearRegression, ModelFamilies.BoostedTrees, ModelFamilies.Mlp }
        .ToDictionary(f => f, f => new Lazy<byte[]>(() => Train(f)));

    private static byte[] Train(string family)
    {
        var request = Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Amount", null, null, 42) with { Regression = true };
        // In the default order: the network without hidden layers (linear on a regression), the trees, the MLP.
        var chosen = FamilySelectionTrainer.DefaultFamilies()[family switch { ModelFamilies.LinearRegression => 0, ModelFamilies.BoostedTrees => 1, _ => 2 }];
        return new FamilySelectionTrainer([chosen], crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner.OnnxModel;
    }

    // Three applicants: goods of 846 and 3,000, and one with most inputs missing.
    private static FeatureBatch Applicants() => new(3, [
        new CategoricalColumn("Status", ["good", "good", ""]),
        new NumericColumn("Seniority", [9f, 10f, float.NaN]),
        new CategoricalColumn("Home", ["rent", "owner", "parents"]),
        new NumericColumn("Time", [60f, 60f, 36f]),
        new NumericColumn("Age", [30f, 45f, float.NaN]),
        new CategoricalColumn("Marital", ["married", "married", ""]),
        new CategoricalColumn("Records", ["no", "no", "yes"]),
        new CategoricalColumn("Job", ["freelance", "fixed", ""]),
        new NumericColumn("Expenses", [73f, 60f, float.NaN]),
        new NumericColumn("Income", [129f, 200f, float.NaN]),
        new NumericColumn("Assets", [0f, 5000f, float.NaN]),
        new NumericColumn("Debt", [0f, 0f, float.NaN]),
        new NumericColumn("Price", [846f, 3000f, 1200f]),
    ]);

    [Theory]
    [InlineData(ModelFamilies.LinearRegression, PredictionExplainer.Exact, 1)]
    [InlineData(ModelFamilies.BoostedTrees, PredictionExplainer.TreeShap, 0)]
    [InlineData(ModelFamilies.Mlp, PredictionExplainer.DeepLift, 0)]
    public void Serving_scores_a_trained_regression_file_and_explains_its_value_in_the_targets_units(string family, string method, int permutations)
    {
        using var model = OnnxScoringModel.Load(Files[family].Value, bytes => new InferenceSession(bytes));
        var batch = Applicants();

        Assert.True(model.Signature.IsRegression);
        Assert.Equal((family, "Amount"), (model.Signature.Family, model.Signature.Target));
        var predictions = model.Score(batch);
        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 3);

        for (var i = 0; i < batch.Count; i++)
        {
            var value = predictions[i].Value!.Value;
            var e = explanations[i];
            output.WriteLine($"{family}: value {value}, base {e.BaseLogOdds:F3}, {string.Join(", ", e.Contributions.Select(c => $"{c.Feature} {c.Contribution:F3}"))}, other {e.Other:F3} ({e.Method})");
            Assert.Equal(("Amount", method, permutations), (e.Class, e.Method, e.Permutations));
            Assert.Empty(predictions[i].Probabilities);
            // The trees' own sum in double against the file's float: within the float's precision.
            Assert.Equal(value, e.LogOdds, Math.Max(1, Math.Abs(value)) * 1e-6);
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(c => c.Contribution) + e.Other, 1e-9);
        }
        Assert.True(predictions[1].Value > predictions[0].Value, "goods of 3,000 ask a larger loan than goods of 846");
    }

    [Fact]
    public void A_trained_regression_trees_files_credits_are_its_exact_shapley_values()
    {
        using var model = OnnxScoringModel.Load(Files[ModelFamilies.BoostedTrees].Value, bytes => new InferenceSession(bytes));
        var batch = Applicants();
        var k = batch.Columns.Count;
        Assert.NotNull(model.TreeShap);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: k);

        var worst = 0.0;
        for (var i = 0; i < batch.Count; i++)
        {
            var shapley = BruteForce(model, batch, i);
            foreach (var credit in explanations[i].Contributions)
                worst = Math.Max(worst, Math.Abs(shapley[credit.Feature] - credit.Contribution));
        }
        output.WriteLine($"largest gap to brute force: {worst:E2} (values are hundreds to thousands, scored in float)");
        // Each hybrid's value is a float of about a thousand (spacing 6e-5) and a credit sums 4,096
        // differences of them: measured 2.2e-4, float noise; a misread tree would be off by a leaf.
        Assert.True(worst < 1e-3, $"largest gap {worst}");
    }

    [Fact]
    public void A_regression_blend_is_explained_from_its_members_as_the_mean_of_their_credits()
    {
        var request = Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Amount", null, null, 42) with { Regression = true };
        var split = TrainingSplit.Prepare(request);
        var members = new[] { new BoostedTreesFamily().Fit(split).OnnxModel, new NetworkFamily().Fit(split).OnnxModel };
        var file = BlendOnnxWriter.WriteRegression(split.Pipeline, members, "Amount");
        using var model = OnnxScoringModel.Load(file, bytes => new InferenceSession(bytes));
        using var trees = OnnxScoringModel.Load(members[0], bytes => new InferenceSession(bytes));
        using var mlp = OnnxScoringModel.Load(members[1], bytes => new InferenceSession(bytes));
        var batch = Applicants();

        var values = model.Score(batch);
        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: batch.Columns.Count);
        var fromTrees = PredictionExplainer.Explain(trees, batch, permutations: 4, top: batch.Columns.Count);
        var fromMlp = PredictionExplainer.Explain(mlp, batch, permutations: 4, top: batch.Columns.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal((PredictionExplainer.Blend, "Amount"), (e.Method, e.Class));
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(c => c.Contribution) + e.Other, 9);
            Assert.Equal(values[i].Value!.Value, e.LogOdds, Math.Max(1, Math.Abs(e.LogOdds)) * 1e-5);
            // The blend's value is the members' mean, and so is each input's credit.
            foreach (var credit in e.Contributions)
                Assert.Equal(
                    (fromTrees[i].Contributions.Single(c => c.Feature == credit.Feature).Contribution + fromMlp[i].Contributions.Single(c => c.Feature == credit.Feature).Contribution) / 2,
                    credit.Contribution, 1e-3);
        }
    }

    /// <summary>Every coalition's hybrid (its inputs from instance <paramref name="row"/>, the others missing) scored in one run.</summary>
    private static Dictionary<string, double> BruteForce(OnnxScoringModel model, FeatureBatch batch, int row)
    {
        var k = batch.Columns.Count;
        var rows = 1 << k;
        var columns = batch.Columns.Select((column, c) => column switch
        {
            NumericColumn n => (FeatureColumn)new NumericColumn(n.Name, [.. Enumerable.Range(0, rows).Select(s => (s & (1 << c)) != 0 ? n.Values[row] : float.NaN)]),
            CategoricalColumn t => new CategoricalColumn(t.Name, [.. Enumerable.Range(0, rows).Select(s => (s & (1 << c)) != 0 ? t.Values[row] : "")]),
            _ => throw new InvalidOperationException(),
        }).ToArray();
        var values = model.Score(new FeatureBatch(rows, columns)).Select(p => p.Value!.Value).ToArray();
        var shapley = new Dictionary<string, double>();
        for (var i = 0; i < k; i++)
        {
            var phi = 0.0;
            for (var s = 0; s < rows; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                var size = BitOperations.PopCount((uint)s);
                phi += Weight(size, k) * (values[s | (1 << i)] - values[s]);
            }
            shapley[batch.Columns[i].Name] = phi;
        }
        return shapley;
    }

    /// <summary>|S|! (k − |S| − 1)! / k!</summary>
    private static double Weight(int size, int k)
    {
        var w = 1.0 / k;
        for (var j = 1; j <= size; j++) w *= (double)j / (k - j);
        return w;
    }
}
