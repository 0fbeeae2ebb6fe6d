using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Platform.Contracts.Solutions;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;
using Platform.Tabular;

namespace Platform.Benchmarks;

/// <summary>
/// Issue 20's "int8 that pays" on the finance model, trained on finance-credit.csv the way Training
/// trains it (hidden 256, 128; seed 42): one session run at batch 1 and 64 of
/// <list type="bullet">
/// <item>fp32, the trained file;</item>
/// <item>int8 weights with float compute, the scheme before ADR 15 (<see cref="Int8QuantizationOptions.WeightsOnly"/>);</item>
/// <item>int8 as Compression now makes it (<see cref="Int8QuantizationOptions.Default"/>): on this
/// network no layer reaches the integer-compute threshold, so it is the same graph once loaded;</item>
/// <item>int8 with the 256 × 128 layer computing in integers (threshold lowered to 32,768): what
/// integer compute does to this network.</item>
/// </list>
/// BenchmarkDotNet runs one method's iterations after the other's, so a shared host's load moves
/// their Ratio; <see cref="Setup"/> also prints the medians Compression measures, the files run in
/// turns, which load cannot bias.
/// </summary>
[Config(typeof(QuantizationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class QuantizationBenchmarks
{
    private OnnxRuns _fp32 = null!, _weightsOnly = null!, _int8 = null!, _integerLayer = null!;

    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var solution = SolutionTemplates.Find("finance-credit-risk")!;
        var data = TrainingTable.Read(
            () => File.OpenRead(SampleDatasetFiles.PathOf(solution.SampleDataset)), solution.TargetColumn, 42, MemoryBudget.Unlimited());
        var request = new TrainingRequest(data, solution.TargetColumn, solution.PositiveClass, null, 42);
        var trained = new TabularClassifierTrainer().Train(request);
        var (testRows, _) = LabelledTable.From(data, solution.TargetColumn, solution.PositiveClass, null, 42).Partition(SplitPartition.Test);

        var fp32 = trained.OnnxModel;
        var weightsOnly = Int8Quantizer.Quantize(fp32, Int8QuantizationOptions.WeightsOnly);
        var int8 = Int8Quantizer.Quantize(fp32);
        var integerLayer = Int8Quantizer.Quantize(fp32, new() { IntegerComputeMinimumElements = 32_768 });
        if (!OnnxRuns.OptimizedOperators(integerLayer).Contains("DynamicQuantizeMatMul"))
            throw new InvalidOperationException("ONNX Runtime did not fuse the integer layer: the benchmark would time something else.");

        Console.WriteLine($"// Setup: finance model, test ROC-AUC {trained.TestMetrics.RocAuc:F4}, {testRows.Length} test rows; " +
                          $"bytes fp32 {fp32.Length:N0}, int8 weights only {weightsOnly.Length:N0}, int8 {int8.Length:N0}, int8 with the 256×128 layer in integers {integerLayer.Length:N0}");
        foreach (var (name, variant) in new[] { ("int8 weights only", weightsOnly), ("int8", int8), ("int8, 256×128 layer in integers", integerLayer) })
        {
            var paired = ModelEvaluation.EvaluateVariant(fp32, variant, request);
            Console.WriteLine($"// In turns with fp32, as Compression measures: {name}: batch 1 {paired.Variant.LatencyBatch1Ms * 1000:F1} µs against {paired.Parent.LatencyBatch1Ms * 1000:F1} µs " +
                              $"({paired.Variant.LatencyBatch1Ms / paired.Parent.LatencyBatch1Ms:F3}), batch 64 {paired.Variant.LatencyBatch64Ms * 1000:F1} µs against {paired.Parent.LatencyBatch64Ms * 1000:F1} µs " +
                              $"({paired.Variant.LatencyBatch64Ms / paired.Parent.LatencyBatch64Ms:F3}); ROC-AUC {paired.Variant.TestMetrics.RocAuc:F4}, max |Δp| {paired.MaxProbabilityDelta:F4}");
        }

        _fp32 = new OnnxRuns(fp32, data, testRows, BatchSize);
        _weightsOnly = new OnnxRuns(weightsOnly, data, testRows, BatchSize);
        _int8 = new OnnxRuns(int8, data, testRows, BatchSize);
        _integerLayer = new OnnxRuns(integerLayer, data, testRows, BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var runs in new[] { _fp32, _weightsOnly, _int8, _integerLayer }) runs?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "fp32")]
    public void Fp32() => _fp32.RunNext();

    [Benchmark(Description = "int8 weights only (before)")]
    public void WeightsOnly() => _weightsOnly.RunNext();

    [Benchmark(Description = "int8 (Compression's default)")]
    public void Int8() => _int8.RunNext();

    [Benchmark(Description = "int8, 256×128 layer in integers")]
    public void IntegerLayer() => _integerLayer.RunNext();
}
