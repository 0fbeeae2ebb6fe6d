using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Serving;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Tests;

/// <summary>
/// Serving's explanations (ADR 23) on every family's file: the credits add up to the score, a
/// missing input is credited nothing, the signal is credited to the input that carries it, and
/// logistic regression's credits are its exact Shapley values (the trees' exact ones: TreeShapTests).
/// </summary>
public class ExplanationTests
{
    public static TheoryData<string> Families => [ModelFamilies.LogisticRegression, ModelFamilies.BoostedTrees, ModelFamilies.Mlp];

    private static readonly Dictionary<string, byte[]> Trained = [];

    private static OnnxScoringModel Model(string family)
    {
        byte[] file;
        lock (Trained)
        {
            if (!Trained.TryGetValue(family, out file!))
            {
                IClassifierFamily trainer = family switch
                {
                    ModelFamilies.LogisticRegression => NetworkFamily.LogisticRegression(),
                    ModelFamilies.BoostedTrees => new BoostedTreesFamily(new BoostedTreesOptions { Trees = 50 }),
                    _ => new NetworkFamily(new TrainerOptions { MaxEpochs = 15, HiddenLayers = [32, 16] }),
                };
                file = Trained[family] = new FamilySelectionTrainer([trainer])
                    .Train(Tables.Request(SyntheticData.Create(3000), "outcome", "yes", null, 5)).Winner.OnnxModel;
            }
        }
        // As serving loads it: a boosted-trees file has its trees read for exact explanations.
        return OnnxScoringModel.Load(file, bytes => new InferenceSession(bytes));
    }

    // x carries most of the signal (the label is x ± 2 for red/blue, plus noise); "unrelated" carries none.
    private static FeatureBatch Instances() => new(4, [
        new NumericColumn("x", [4.5f, -4.5f, 0.5f, float.NaN]),
        new CategoricalColumn("colour", ["green", "green", "red", "blue"]),
        new NumericColumn("unrelated", [50f, 50f, float.NaN, 20f]),
    ]);

    private static double LogOdds(double p) => Math.Log(Math.Clamp(p, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(p, 1e-6, 1 - 1e-6)));

    [Theory]
    [MemberData(nameof(Families))]
    public void The_credits_add_up_to_the_instances_score_and_the_signal_is_credited_to_its_input(string family)
    {
        using var model = Model(family);
        var batch = Instances();
        var plain = model.Score(batch);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 3);

        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal("yes", e.Class);
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(c => c.Contribution) + e.Other, 9);
            // The returned probability is rounded to 6 digits; its log-odds are the explained score within that.
            Assert.Equal(LogOdds(plain[i].Probabilities["yes"]), e.LogOdds, 3);
            Assert.Equal(0, e.Other);
            Assert.Equal(family switch
            {
                ModelFamilies.LogisticRegression => PredictionExplainer.Exact,
                ModelFamilies.BoostedTrees => PredictionExplainer.TreeShap,
                _ => PredictionExplainer.DeepLift,
            }, e.Method);
        }
        // x = 4.5 pushes towards yes and x = -4.5 away from it, more than any other input of those rows.
        Assert.Equal("x", explanations[0].Contributions[0].Feature);
        Assert.True(explanations[0].Contributions[0].Contribution > 0);
        Assert.Equal("x", explanations[1].Contributions[0].Feature);
        Assert.True(explanations[1].Contributions[0].Contribution < 0);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void A_missing_input_is_credited_nothing_in_every_order(string family)
    {
        using var model = Model(family);

        var explanations = PredictionExplainer.Explain(model, Instances(), permutations: 6, top: 3);

        Assert.Equal(0, explanations[2].Contributions.Single(c => c.Feature == "unrelated").Contribution);
        Assert.Equal(0, explanations[3].Contributions.Single(c => c.Feature == "x").Contribution);
    }

    [Fact]
    public void Logistic_regressions_credits_are_its_exact_shapley_values_whatever_the_orders()
    {
        using var model = Model(ModelFamilies.LogisticRegression);
        var batch = Instances();

        var explanation = PredictionExplainer.Explain(model, batch, permutations: 8, top: 3)[0];

        // Independently: with one input switched on from the baseline, the change is that input's term of the logit.
        var alone = model.Score(new FeatureBatch(4, [
            new NumericColumn("x", [float.NaN, 4.5f, float.NaN, float.NaN]),
            new CategoricalColumn("colour", ["", "", "green", ""]),
            new NumericColumn("unrelated", [float.NaN, float.NaN, float.NaN, 50f]),
        ]));
        var baseline = LogOdds(alone[0].Probabilities["yes"]);
        Assert.Equal(1, explanation.Permutations);
        Assert.Equal(baseline, explanation.BaseLogOdds, 9);
        foreach (var (feature, row) in new[] { ("x", 1), ("colour", 2), ("unrelated", 3) })
            Assert.Equal(LogOdds(alone[row].Probabilities["yes"]) - baseline, explanation.Contributions.Single(c => c.Feature == feature).Contribution, 4);
    }

    [Fact]
    public void Top_k_keeps_the_largest_credits_and_adds_the_rest_up_as_other()
    {
        using var model = Model(ModelFamilies.Mlp);

        var all = PredictionExplainer.Explain(model, Instances(), permutations: 4, top: 3)[0];
        var one = PredictionExplainer.Explain(model, Instances(), permutations: 4, top: 1)[0];

        Assert.Equal(all.Contributions[0], Assert.Single(one.Contributions));
        Assert.Equal(all.Contributions.Skip(1).Sum(c => c.Contribution), one.Other, 9);
        Assert.True(Math.Abs(all.Contributions[0].Contribution) >= Math.Abs(all.Contributions[1].Contribution));
    }
}
