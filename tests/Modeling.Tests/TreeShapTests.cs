using System.Globalization;
using System.Numerics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Inference.Serving;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// Explanations of a binary boosted-trees file computed from its trees (ADR 23, <c>tree-shap</c>)
/// against the exact Shapley values by brute force: every coalition of the inputs scored as a
/// hybrid row (the coalition's inputs from the instance, the others missing) by the file's own
/// session, unrounded. A multiclass tree file is still sampled.
/// </summary>
public class TreeShapTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Binary = new(() => Train(positive: "yes"));
    private static readonly Lazy<byte[]> Multiclass = new(() => Train(positive: null));

    // Six inputs with interactions (a × b; f only when c is "r"), so that paths test several inputs.
    private static byte[] Train(string? positive)
    {
        var random = new Random(11);
        string[] cs = ["p", "q", "r", "s", "t"];
        var rows = new List<string?[]>();
        for (var i = 0; i < 3000; i++)
        {
            var a = random.NextDouble() * 6 - 3;
            var b = random.NextDouble() * 6 - 3;
            var c = cs[random.Next(cs.Length)];
            var d = random.NextDouble() * 10;
            var e = random.Next(2) == 0 ? "u" : "v";
            var f = random.NextDouble() * 4 - 2;
            var score = 0.8 * a * b + (c == "p" ? 1.5 : c == "q" ? -1.5 : c == "r" ? 2 * f : 0) + (random.NextDouble() * 2 - 1);
            var label = positive is null ? score < -1 ? "low" : score > 1 ? "high" : "mid" : score > 0 ? "yes" : "no";
            rows.Add([
                i % 13 == 0 ? null : Number(a), Number(b), i % 19 == 0 ? null : c,
                Number(d), i % 7 == 0 ? null : e, Number(f), label,
            ]);
        }
        var data = new TabularData(["a", "b", "c", "d", "e", "f", "outcome"], rows);
        return new FamilySelectionTrainer([new BoostedTreesFamily(new BoostedTreesOptions { Trees = 60 })])
            .Train(Tables.Request(data, "outcome", positive, null, 5)).Winner.OnnxModel;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static FeatureBatch Instances() => new(5, [
        new NumericColumn("a", [2.5f, -2f, float.NaN, 1f, 0.3f]),
        new NumericColumn("b", [2f, 2.5f, 1f, float.NaN, -2.8f]),
        new CategoricalColumn("c", ["r", "p", "q", "", "zzz"]),
        new NumericColumn("d", [1f, 9f, 5f, float.NaN, 0f]),
        new CategoricalColumn("e", ["u", "", "v", "v", "u"]),
        new NumericColumn("f", [1.8f, -1.5f, float.NaN, 0.5f, -2f]),
    ]);

    [Fact]
    public void A_binary_tree_files_credits_are_its_exact_shapley_values()
    {
        using var model = OnnxScoringModel.Load(Binary.Value, bytes => new InferenceSession(bytes));
        var batch = Instances();
        var k = batch.Columns.Count;
        Assert.NotNull(model.TreeShap);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: k);

        var plain = model.Score(batch);
        var worst = 0.0;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal(PredictionExplainer.TreeShap, e.Method);
            Assert.Equal(0, e.Permutations);
            Assert.Equal("yes", e.Class);
            var values = CoalitionLogOdds(Binary.Value, batch, i);
            Assert.Equal(values[0], e.BaseLogOdds, 5);
            Assert.Equal(values[^1], e.LogOdds, 5);
            var exact = Shapley(values, k);
            for (var c = 0; c < k; c++)
            {
                var credit = e.Contributions.Single(x => x.Feature == batch.Columns[c].Name).Contribution;
                worst = Math.Max(worst, Math.Abs(credit - exact[c]));
                Assert.True(Math.Abs(credit - exact[c]) < 1e-6, $"instance {i}, input {batch.Columns[c].Name}: tree-shap {credit:R}, brute force {exact[c]:R}");
            }
            Assert.Equal(0, e.Other);
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(x => x.Contribution) + e.Other, 9);
            Assert.Equal(LogOdds(plain[i].Probabilities["yes"]), e.LogOdds, 3);
        }
        output.WriteLine($"largest |tree-shap − brute force| over {batch.Count} instances × {k} inputs: {worst:E2}");
        // A missing input is credited exactly nothing: instance 2 has no a and no f.
        Assert.Equal(0.0, explanations[2].Contributions.Single(x => x.Feature == "a").Contribution);
        Assert.Equal(0.0, explanations[2].Contributions.Single(x => x.Feature == "f").Contribution);
    }

    [Fact]
    public void The_file_with_its_extra_output_predicts_as_the_file_itself_which_alone_is_explained_by_sampling()
    {
        using var loaded = OnnxScoringModel.Load(Binary.Value, bytes => new InferenceSession(bytes));
        using var asIs = new OnnxScoringModel(new InferenceSession(Binary.Value));
        var batch = Instances();

        Assert.Equal(asIs.Score(batch).Select(p => (p.Label, p.Probabilities["yes"])), loaded.Score(batch).Select(p => (p.Label, p.Probabilities["yes"])));
        Assert.Null(asIs.TreeShap);
        var sampled = PredictionExplainer.Explain(asIs, batch, permutations: 4, top: 3);
        Assert.All(sampled, e => Assert.Equal(PredictionExplainer.SampledShapley, e.Method));
    }

    [Fact]
    public void Scoring_and_explaining_in_one_run_answers_the_plain_predictions_and_the_same_explanations()
    {
        using var model = OnnxScoringModel.Load(Binary.Value, bytes => new InferenceSession(bytes));
        var batch = Instances();

        var (predictions, explanations) = PredictionExplainer.ScoreAndExplain(model, batch, top: 3)!.Value;

        Assert.Equal(model.Score(batch).Select(p => (p.Label, p.Probabilities["no"], p.Probabilities["yes"])),
            predictions.Select(p => (p.Label, p.Probabilities["no"], p.Probabilities["yes"])));
        var separately = PredictionExplainer.Explain(model, batch, permutations: 4, top: 3);
        Assert.Equal(separately.Select(e => (e.LogOdds, e.BaseLogOdds, e.Other)), explanations.Select(e => (e.LogOdds, e.BaseLogOdds, e.Other)));
        Assert.Equal(separately.SelectMany(e => e.Contributions), explanations.SelectMany(e => e.Contributions));
        // A model not explained from its trees (here the same file loaded as written) is scored as without explain, then explained.
        using var asWritten = new OnnxScoringModel(new InferenceSession(Binary.Value));
        Assert.Null(PredictionExplainer.ScoreAndExplain(asWritten, batch, top: 3));
    }

    [Fact]
    public void A_multiclass_tree_file_is_still_explained_by_sampling()
    {
        using var model = OnnxScoringModel.Load(Multiclass.Value, bytes => new InferenceSession(bytes));
        var batch = Instances();
        var plain = model.Score(batch);

        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 3);

        Assert.Null(model.TreeShap);
        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal(PredictionExplainer.SampledShapley, e.Method);
            Assert.Equal(4, e.Permutations);
            Assert.Equal(plain[i].Label, e.Class);
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(x => x.Contribution) + e.Other, 9);
            Assert.Equal(LogOdds(plain[i].Probabilities[e.Class]), e.LogOdds, 3);
        }
    }

    private static double LogOdds(double p) => Math.Log(Math.Clamp(p, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(p, 1e-6, 1 - 1e-6)));

    /// <summary>φ_i = Σ over coalitions S without i of |S|! (k − |S| − 1)! / k! × (v(S ∪ {i}) − v(S)).</summary>
    private static double[] Shapley(double[] values, int k)
    {
        var shapley = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var coalition = 0; coalition < values.Length; coalition++)
            {
                if ((coalition & (1 << i)) != 0) continue;
                var size = BitOperations.PopCount((uint)coalition);
                shapley[i] += Factorial(size) * Factorial(k - size - 1) / Factorial(k) * (values[coalition | (1 << i)] - values[coalition]);
            }
        }
        return shapley;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    /// <summary>
    /// v(S) for every coalition S of instance <paramref name="row"/>'s inputs (bit c = input c from
    /// the instance, else missing): the positive class's log-odds, read unrounded from the file's own
    /// session as the Sigmoid's input, added as an output of a copy of the file.
    /// </summary>
    private static double[] CoalitionLogOdds(byte[] file, FeatureBatch batch, int row)
    {
        var model = ModelProto.Parser.ParseFrom(file);
        var logit = model.Graph.Node.Single(n => n.OpType == "Sigmoid").Input[0];
        model.Graph.Output.Add(new ValueInfoProto { Name = logit, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        using var session = new InferenceSession(model.ToByteArray());

        var coalitions = 1 << batch.Columns.Count;
        var inputs = new List<NamedOnnxValue>();
        for (var c = 0; c < batch.Columns.Count; c++)
        {
            var bit = 1 << c;
            switch (batch.Columns[c])
            {
                case NumericColumn numbers:
                    var x = Enumerable.Range(0, coalitions).Select(s => (s & bit) != 0 ? numbers.Values[row] : float.NaN).ToArray();
                    inputs.Add(NamedOnnxValue.CreateFromTensor(numbers.Name, new DenseTensor<float>(x, [coalitions, 1])));
                    break;
                case CategoricalColumn texts:
                    var t = Enumerable.Range(0, coalitions).Select(s => (s & bit) != 0 ? texts.Values[row] : "").ToArray();
                    inputs.Add(NamedOnnxValue.CreateFromTensor(texts.Name, new DenseTensor<string>(t, [coalitions, 1])));
                    break;
            }
        }
        using var results = session.Run(inputs, [logit]);
        return [.. results[0].AsTensor<float>().Select(v => (double)v)];
    }
}
