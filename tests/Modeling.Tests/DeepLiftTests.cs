using System.Globalization;
using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Serving;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// A network explained from its weights (ADR 23, amended): DeepLIFT's rescale rule on a trained MLP
/// of six inputs with interactions. Its credits add up to the instance's log-odds exactly, a missing
/// input gets nothing, and they are measured against the exact Shapley values of the same game
/// (brute force over all 64 coalitions, scored by the file) — close, not equal, since DeepLIFT is
/// the approximation the issue allows for networks.
/// </summary>
public class DeepLiftTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Mlp = new(() => Train(blend: false));
    private static readonly Lazy<byte[]> Blend = new(() => Train(blend: true));

    private static byte[] Train(bool blend)
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
            var score = 0.8 * a * b + (c == "p" ? 1.5 : c == "q" ? -1.5 : c == "r" ? 2 * f : 0) + 0.3 * d - 1.5 + (random.NextDouble() * 2 - 1);
            rows.Add([
                i % 13 == 0 ? null : Number(a), Number(b), i % 19 == 0 ? null : c,
                Number(d), i % 7 == 0 ? null : e, Number(f), score > 0 ? "yes" : "no",
            ]);
        }
        var data = new TabularData(["a", "b", "c", "d", "e", "f", "outcome"], rows);
        var request = Tables.Request(data, "outcome", "yes", null, 5);
        if (!blend)
            return new FamilySelectionTrainer([new NetworkFamily()], crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner.OnnxModel;
        // The blend as selection writes it: the trees' and the MLP's files on one split, averaged.
        var split = TrainingSplit.Prepare(request);
        var members = new[] { new BoostedTreesFamily(new BoostedTreesOptions { Trees = 60 }).Fit(split).OnnxModel, new NetworkFamily().Fit(split).OnnxModel };
        return Platform.Modeling.Onnx.BlendOnnxWriter.Write(split.Pipeline, members, split.Table.Classes, split.Table.Target);
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
    public void A_networks_credits_add_up_to_its_log_odds_and_stay_close_to_its_shapley_values()
    {
        using var model = OnnxScoringModel.Load(Mlp.Value, bytes => new InferenceSession(bytes));
        var batch = Instances();
        Assert.Equal(PredictionExplainer.DeepLift, model.VectorExplainer?.Method);
        var plain = model.Score(batch);
        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 6);

        // What it replaced: sampled Shapley values (4 orders) of the same file, read as it is.
        using var asIs = new OnnxScoringModel(new InferenceSession(Mlp.Value));
        var sampled = PredictionExplainer.Explain(asIs, batch, permutations: 4, top: 6);
        Assert.All(sampled, e => Assert.Equal(PredictionExplainer.SampledShapley, e.Method));

        double gaps = 0, sizes = 0, sampledGaps = 0;
        var topAgrees = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal((PredictionExplainer.DeepLift, 0, "yes"), (e.Method, e.Permutations, e.Class));
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(c => c.Contribution) + e.Other, 9);
            // The served probability is rounded to 6 digits: compared as a probability, not as log-odds, which that rounding blurs near 0 and 1.
            Assert.Equal(plain[i].Probabilities["yes"], 1 / (1 + Math.Exp(-e.LogOdds)), 5);

            var shapley = Shapley(model, batch, i);
            var credits = e.Contributions.ToDictionary(c => c.Feature, c => c.Contribution);
            output.WriteLine($"instance {i}: " + string.Join(", ", batch.Columns.Select((c, k) => $"{c.Name} {credits[c.Name]:+0.000;-0.000} (Shapley {shapley[k]:+0.000;-0.000})")));
            for (var k = 0; k < batch.Columns.Count; k++)
            {
                gaps += Math.Abs(credits[batch.Columns[k].Name] - shapley[k]);
                sampledGaps += Math.Abs(sampled[i].Contributions.Single(c => c.Feature == batch.Columns[k].Name).Contribution - shapley[k]);
                sizes += Math.Abs(shapley[k]);
            }
            if (e.Contributions[0].Feature == batch.Columns[Enumerable.Range(0, shapley.Length).MaxBy(k => Math.Abs(shapley[k]))].Name) topAgrees++;
        }
        output.WriteLine($"DeepLIFT against exact Shapley: mean |gap| {gaps / sizes:P1} of mean |Shapley value|; the top input agrees on {topAgrees} of {batch.Count}; " +
            $"sampled Shapley (4 orders): {sampledGaps / sizes:P1}");
        // The same inputs lead, and the credits differ by a fraction of their size (interactions a × b and c × f are shared differently).
        Assert.True(topAgrees >= 4, $"the top input agrees on {topAgrees} of {batch.Count}");
        Assert.True(gaps / sizes < 0.35, $"mean gap {gaps / sizes:P1}");
        // A missing input moves nothing from the baseline: it is credited exactly 0.
        Assert.Equal(0, explanations[2].Contributions.Single(c => c.Feature == "a").Contribution);
        Assert.Equal(0, explanations[3].Contributions.Single(c => c.Feature == "d").Contribution);
    }

    [Fact]
    public void A_blends_credits_come_from_its_members_add_up_to_its_log_odds_and_stay_close_to_its_shapley_values()
    {
        using var model = OnnxScoringModel.Load(Blend.Value, bytes => new InferenceSession(bytes));
        var batch = Instances();
        Assert.Equal(PredictionExplainer.Blend, model.VectorExplainer?.Method);
        var plain = model.Score(batch);
        var explanations = PredictionExplainer.Explain(model, batch, permutations: 4, top: 6);
        using var asIs = new OnnxScoringModel(new InferenceSession(Blend.Value));
        var sampled = PredictionExplainer.Explain(asIs, batch, permutations: 4, top: 6);

        double gaps = 0, sizes = 0, sampledGaps = 0;
        var topAgrees = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = explanations[i];
            Assert.Equal((PredictionExplainer.Blend, 0, "yes"), (e.Method, e.Permutations, e.Class));
            Assert.Equal(e.LogOdds, e.BaseLogOdds + e.Contributions.Sum(c => c.Contribution) + e.Other, 9);
            Assert.Equal(plain[i].Probabilities["yes"], 1 / (1 + Math.Exp(-e.LogOdds)), 5);
            var shapley = Shapley(model, batch, i);
            for (var k = 0; k < batch.Columns.Count; k++)
            {
                var name = batch.Columns[k].Name;
                gaps += Math.Abs(e.Contributions.Single(c => c.Feature == name).Contribution - shapley[k]);
                sampledGaps += Math.Abs(sampled[i].Contributions.Single(c => c.Feature == name).Contribution - shapley[k]);
                sizes += Math.Abs(shapley[k]);
            }
            if (e.Contributions[0].Feature == batch.Columns[Enumerable.Range(0, shapley.Length).MaxBy(k => Math.Abs(shapley[k]))].Name) topAgrees++;
        }
        output.WriteLine($"blend from its members against exact Shapley: mean |gap| {gaps / sizes:P1} of mean |Shapley value|; the top input agrees on {topAgrees} of {batch.Count}; " +
            $"sampled Shapley (4 orders): {sampledGaps / sizes:P1}");
        Assert.True(topAgrees >= 4, $"the top input agrees on {topAgrees} of {batch.Count}");
        Assert.True(gaps / sizes < 0.35, $"mean gap {gaps / sizes:P1}");
        Assert.Equal(0, explanations[2].Contributions.Single(c => c.Feature == "a").Contribution);
    }

    private static double LogOdds(double p) => Math.Log(Math.Clamp(p, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(p, 1e-6, 1 - 1e-6)));

    /// <summary>Exact Shapley values of instance <paramref name="row"/>'s log-odds, every coalition's hybrid row scored by the file.</summary>
    private static double[] Shapley(OnnxScoringModel model, FeatureBatch batch, int row)
    {
        var k = batch.Columns.Count;
        var coalitions = 1 << k;
        var hybrids = new FeatureBatch(coalitions, [.. batch.Columns.Select((column, c) => column switch
        {
            NumericColumn n => (FeatureColumn)new NumericColumn(n.Name, [.. Enumerable.Range(0, coalitions).Select(s => (s & (1 << c)) != 0 ? n.Values[row] : float.NaN)]),
            CategoricalColumn t => new CategoricalColumn(t.Name, [.. Enumerable.Range(0, coalitions).Select(s => (s & (1 << c)) != 0 ? t.Values[row] : "")]),
            _ => throw new InvalidOperationException(),
        })]);
        var values = model.Score(hybrids).Select(p => LogOdds(p.Probabilities["yes"])).ToArray();
        var shapley = new double[k];
        for (var i = 0; i < k; i++)
            for (var s = 0; s < coalitions; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                var size = BitOperations.PopCount((uint)s);
                shapley[i] += Factorial(size) * Factorial(k - size - 1) / Factorial(k) * (values[s | (1 << i)] - values[s]);
            }
        return shapley;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
