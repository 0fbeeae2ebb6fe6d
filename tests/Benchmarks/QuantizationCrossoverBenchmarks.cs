using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Platform.Contracts.Solutions;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Preprocessing;
using Platform.Tabular;

namespace Platform.Benchmarks;

/// <summary>
/// Where int8 compute starts to pay in a whole model: the finance file's interface and preprocessing
/// (fitted on its train rows, 30 features) in front of an MLP 30 → <see cref="Hidden"/> →
/// <see cref="Hidden"/>/2 → 2 with random weights (timing does not depend on what was learned),
/// at batch 1 and 64: fp32; int8 as Compression makes it (integer compute from 65,536 elements,
/// so from hidden 384 on); and int8 computing in integers in every layer from 8,192 elements, which
/// shows where integer compute itself crosses over.
/// </summary>
[Config(typeof(QuantizationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class QuantizationCrossoverBenchmarks
{
    private OnnxRuns _fp32 = null!, _int8 = null!, _integerLayers = null!;

    [Params(128, 256, 384, 512, 1024)]
    public int Hidden { get; set; }

    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var solution = SolutionTemplates.Find("finance-credit-risk")!;
        var data = TrainingTable.Read(
            () => File.OpenRead(SampleDatasetFiles.PathOf(solution.SampleDataset)), solution.TargetColumn, 42, MemoryBudget.Unlimited());
        var table = LabelledTable.From(data, solution.TargetColumn, solution.PositiveClass, null, 42);
        var (trainRows, _) = table.Partition(SplitPartition.Train);
        var (testRows, _) = table.Partition(SplitPartition.Test);
        var pipeline = FeaturePipeline.Fit(data, table.FeatureIndices, trainRows);

        var random = new Random(Hidden);
        int[] widths = [pipeline.Width, Hidden, Hidden / 2, 2];
        var layers = Enumerable.Range(0, widths.Length - 1).Select(l =>
        {
            var (inputs, outputs) = (widths[l], widths[l + 1]);
            // Kaiming-uniform, as torch initializes a Linear: activations keep a realistic range.
            var bound = 1 / Math.Sqrt(inputs);
            return new DenseLayer(
                Enumerable.Range(0, inputs * outputs).Select(_ => (float)((random.NextDouble() * 2 - 1) * bound)).ToArray(),
                Enumerable.Range(0, outputs).Select(_ => (float)((random.NextDouble() * 2 - 1) * bound)).ToArray(),
                inputs, outputs);
        }).ToArray();
        var fp32 = ClassifierOnnxWriter.Write(pipeline, layers, table.Classes, table.Target);
        var int8 = Int8Quantizer.Quantize(fp32);
        var integerLayers = Int8Quantizer.Quantize(fp32, new() { IntegerComputeMinimumElements = 8_192 });
        Console.WriteLine($"// Setup: 30 → {Hidden} → {Hidden / 2} → 2; bytes fp32 {fp32.Length:N0}, int8 {int8.Length:N0}; " +
                          $"integer layers: int8 {OnnxRuns.OptimizedOperators(int8).Count(o => o == "DynamicQuantizeMatMul")}, " +
                          $"from 8,192 {OnnxRuns.OptimizedOperators(integerLayers).Count(o => o == "DynamicQuantizeMatMul")}");

        _fp32 = new OnnxRuns(fp32, data, testRows, BatchSize);
        _int8 = new OnnxRuns(int8, data, testRows, BatchSize);
        _integerLayers = new OnnxRuns(integerLayers, data, testRows, BatchSize);
        var (fp32Us, int8Us) = InTurns.Medians(_fp32.RunNext, _int8.RunNext);
        var (againUs, integerUs) = InTurns.Medians(_fp32.RunNext, _integerLayers.RunNext);
        Console.WriteLine($"// In turns: batch {BatchSize}, hidden {Hidden}: fp32 {fp32Us:F1} µs, int8 {int8Us:F1} µs (ratio {int8Us / fp32Us:F2}); " +
                          $"fp32 {againUs:F1} µs, integers from 8,192 {integerUs:F1} µs (ratio {integerUs / againUs:F2})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var runs in new[] { _fp32, _int8, _integerLayers }) runs?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "fp32")]
    public void Fp32() => _fp32.RunNext();

    [Benchmark(Description = "int8 (Compression's default)")]
    public void Int8() => _int8.RunNext();

    [Benchmark(Description = "int8, integers from 8,192")]
    public void IntegerLayers() => _integerLayers.RunNext();
}
