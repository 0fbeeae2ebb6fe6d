using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Solutions;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.Modeling.Data;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular;

namespace Platform.Benchmarks;

/// <summary>
/// What <c>explain=true</c> costs (ADR 23; issue 14, item 3: at most 2× a plain predict) on the
/// churn sample's boosted trees (200 trees of 8 leaves over 19 inputs, explained by TreeSHAP) and
/// on its MLP and the MLP's distilled 32 × 16 student (explained by DeepLIFT from their weights;
/// <see cref="Family"/>), loaded as serving loads them, in sessions made as serving makes them
/// (one thread). Each benchmark is the scoring work of one predict request of
/// <see cref="BatchSize"/> instances:
/// <list type="bullet">
/// <item><see cref="Predict"/>: the plain prediction (the baseline of the ratios).</item>
/// <item><see cref="PredictFileAsWritten"/>: the same on a session of the file as written, without
/// the feature-vector output serving adds at load for the trees: plain predict must not pay for it.</item>
/// <item><see cref="PredictAndExplainByTrees"/>: the plain prediction and the explanation from the
/// file (its trees or its network) as the API makes them: one run for the predictions and the feature vectors together, then
/// one walk of the trees (a DeepLIFT pass) an instance (<see cref="PredictWithFeatureVectors"/> and
/// <see cref="TreeWalkOnly"/> are those two parts alone).</item>
/// <item><see cref="PredictAndExplainBySampling"/>: the same with the previous method, sampled
/// Shapley values over 4 orders (1 + 4 × 19 rows an instance).</item>
/// </list>
/// BenchmarkDotNet runs one method after another, and on a shared 2-core host their ratios move by
/// tens of percent between runs; the setup also times each against <see cref="Predict"/> in turns
/// (<see cref="InTurns"/>) and prints the medians, the figures to quote. They run in the host
/// process, for the reason <see cref="ServingBenchmarks"/> gives.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ExplainBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithWarmupCount(3).WithIterationCount(20)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("InProcess"));
    }

    private const string Dataset = "retail-churn.csv";
    private const string Target = "churn";
    private const string PositiveClass = "yes";
    private const int Seed = 42;
    private const int Permutations = 4;
    private const int Top = 5;

    private OnnxScoringModel _loaded = null!;
    private OnnxScoringModel _asWritten = null!;
    private FeatureBatch[] _batches = [];
    private float[][] _features = [];
    private int _next;

    [Params(1, 16, 100)]
    public int BatchSize { get; set; }

    /// <summary>The model explained: the trees, the MLP, the MLP's distilled student, or the blend of the trees and the MLP.</summary>
    [Params("boosted-trees", "mlp", "student", "blend")]
    public string Family { get; set; } = "boosted-trees";

    [GlobalSetup]
    public void Setup()
    {
        var data = ReadDataset();
        var table = TrainingTable.FromRows(data.Columns, data.Rows, Target, Seed);
        var request = new TrainingRequest(table, Target, PositiveClass, null, Seed);
        byte[] file;
        if (Family == "blend")
        {
            var split = TrainingSplit.Prepare(request);
            var members = new[] { new BoostedTreesFamily().Fit(split).OnnxModel, new NetworkFamily().Fit(split).OnnxModel };
            file = Platform.Modeling.Onnx.BlendOnnxWriter.Write(split.Pipeline, members, split.Table.Classes, split.Table.Target);
        }
        else
        {
            file = new FamilySelectionTrainer([Family == "boosted-trees" ? new BoostedTreesFamily() : new NetworkFamily()],
                crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner.OnnxModel;
            if (Family == "student") file = Platform.Modeling.Compression.Distiller.Distill(file, request);
        }

        var sessions = new OnnxSessionFactory(Options.Create(new InferenceOptions()), NullLogger<OnnxSessionFactory>.Instance);
        _loaded = OnnxScoringModel.Load(file, sessions.Create);
        _asWritten = new OnnxScoringModel(sessions.Create(file));
        if (_loaded.VectorExplainer is null) throw new InvalidOperationException($"The churn {Family} was not read for its explainer.");

        var rows = data.Rows.ToArray();
        new Random(Seed).Shuffle(rows);
        _batches = rows.Chunk(BatchSize).Where(chunk => chunk.Length == BatchSize)
            .Take(200).Select(chunk => Batch(data.Columns, chunk, _loaded.Signature)).ToArray();
        _features = [.. _batches.Select(b => _loaded.ScoreWithFeatureVectors(b).Features)];
        _next = 0;
        Guard();
        var tabled = _loaded.VectorExplainer is TreeShapExplainer shap ? $" ({shap.TabledTrees} trees tabled in {shap.TableBytes / 1024} KiB)" : "";
        Console.WriteLine($"// Setup: {_loaded.Signature.Inputs.Count} inputs, {_loaded.VectorExplainer.Width} feature slots, explained by {_loaded.VectorExplainer.Method}{tabled}, {file.Length / 1024} KiB; " +
                          $"{_batches.Length} batches of {BatchSize}.");

        // Each against the plain predict, timed in turns (InTurns): the host's load falls on both alike. In pairs, as
        // one run after another's garbage pays for it (after the sampled explanation's 0.5 MB, a predict is ~10 % slower).
        // Warmed up first until the JIT has made its final code (a walk timed at its first tier costs twice as much).
        foreach (var run in new Action[] { () => Predict(), () => PredictFileAsWritten(), () => PredictAndExplainByTrees(), () => PredictAndExplainBySampling() })
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1)) run();
        }
        Thread.Sleep(500);
        var asWritten = InTurns.Medians(() => Predict(), () => PredictFileAsWritten());
        var byTrees = InTurns.Medians(() => Predict(), () => PredictAndExplainByTrees());
        var bySampling = InTurns.Medians(() => Predict(), () => PredictAndExplainBySampling(), rounds: 1000);
        _next = 0;
        Console.WriteLine($"// In turns (median µs, batch {BatchSize}): predict {asWritten.FirstMicroseconds:F1} against on the file as written " +
                          $"{asWritten.SecondMicroseconds:F1} ({asWritten.SecondMicroseconds / asWritten.FirstMicroseconds:F2}x); " +
                          $"predict {byTrees.FirstMicroseconds:F1} against explained by trees {byTrees.SecondMicroseconds:F1} ({byTrees.SecondMicroseconds / byTrees.FirstMicroseconds:F2}x); " +
                          $"predict {bySampling.FirstMicroseconds:F1} against explained by sampling {bySampling.SecondMicroseconds:F1} ({bySampling.SecondMicroseconds / bySampling.FirstMicroseconds:F2}x).");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _loaded?.Dispose();
        _asWritten?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<Prediction> Predict() => _loaded.Score(NextBatch());

    [Benchmark]
    public IReadOnlyList<Prediction> PredictFileAsWritten() => _asWritten.Score(NextBatch());

    [Benchmark]
    public ExplanationResponse[] PredictAndExplainByTrees() => PredictionExplainer.ScoreAndExplain(_loaded, NextBatch(), Top)!.Value.Explanations;

    [Benchmark]
    public ExplanationResponse[] PredictAndExplainBySampling()
    {
        var batch = NextBatch();
        _asWritten.Score(batch);
        return PredictionExplainer.Explain(_asWritten, batch, Permutations, Top);
    }

    /// <summary>The explaining path's run of the session alone: the predictions and the instances' feature vectors.</summary>
    [Benchmark]
    public float[] PredictWithFeatureVectors() => _loaded.ScoreWithFeatureVectors(NextBatch()).Features;

    /// <summary>The walk of the trees alone, on feature vectors fetched beforehand.</summary>
    [Benchmark]
    public double TreeWalkOnly()
    {
        var features = _features[_next];
        _next = _next + 1 == _batches.Length ? 0 : _next + 1;
        var trees = _loaded.VectorExplainer!;
        var logOdds = new double[BatchSize];
        trees.Explain(features, new double[BatchSize * trees.Inputs], logOdds);
        return logOdds[0];
    }

    private FeatureBatch NextBatch()
    {
        var batch = _batches[_next];
        _next = _next + 1 == _batches.Length ? 0 : _next + 1;
        return batch;
    }

    /// <summary>Both methods answer what they should: each its own method, the file's explainer's credits summing to its log-odds, whose probability is the file's (the sampled method's) within 1e-5.</summary>
    private void Guard()
    {
        var batch = _batches[0];
        var trees = PredictionExplainer.Explain(_loaded, batch, Permutations, Top);
        var sampled = PredictionExplainer.Explain(_asWritten, batch, Permutations, Top);
        for (var i = 0; i < batch.Count; i++)
        {
            if (trees[i].Method != _loaded.VectorExplainer!.Method || sampled[i].Method != PredictionExplainer.SampledShapley)
                throw new InvalidOperationException($"Methods {trees[i].Method} and {sampled[i].Method}.");
            var sum = trees[i].BaseLogOdds + trees[i].Contributions.Sum(c => c.Contribution) + trees[i].Other;
            // Compared as probabilities: the sampled method's log-odds come from a probability rounded to 6 digits.
            static double P(double logOdds) => 1 / (1 + Math.Exp(-logOdds));
            if (Math.Abs(sum - trees[i].LogOdds) > 1e-9 || Math.Abs(P(trees[i].LogOdds) - P(sampled[i].LogOdds)) > 1e-5)
                throw new InvalidOperationException($"Instance {i}: credits sum to {sum}, log-odds {trees[i].LogOdds} (sampled {sampled[i].LogOdds}).");
        }
    }

    /// <summary>The rows' cells as the model's input columns: numbers parsed, missing as NaN or "".</summary>
    private static FeatureBatch Batch(IReadOnlyList<string> columns, string?[][] rows, ModelSignature signature)
    {
        var features = signature.Inputs.Select(input =>
        {
            var c = columns.ToList().IndexOf(input.Name);
            return input.Kind == FeatureKind.Numeric
                ? (FeatureColumn)new NumericColumn(input.Name, [.. rows.Select(r => float.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : float.NaN)])
                : new CategoricalColumn(input.Name, [.. rows.Select(r => r[c] ?? "")]);
        }).ToArray();
        return new FeatureBatch(rows.Length, features);
    }

    private static TabularData ReadDataset()
    {
        using var stream = File.OpenRead(SampleDatasetFiles.PathOf(Dataset));
        return CsvTableReader.ReadAll(stream);
    }
}
