using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Compression;
using Platform.Modeling.Onnx;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Benchmarks;

/// <summary>
/// The evidence for <see cref="Int8QuantizationOptions.IntegerComputeMinimumElements"/>: one hidden
/// layer alone, Gemm then ReLU as the classifier writes it, of <see cref="Shape"/> (inputs ×
/// outputs), in fp32 (ONNX Runtime fuses it into one FusedGemm) against integer compute
/// (DynamicQuantizeMatMul, then the ReLU on its own), at batch 1 and 64.
/// </summary>
[Config(typeof(QuantizationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class QuantizationLayerBenchmarks
{
    private InferenceSession _fp32 = null!, _int8 = null!;
    private OrtValue _input = null!;
    private RunOptions _runOptions = null!;

    [Params("128x128", "256x128", "256x192", "256x256", "512x256")]
    public string Shape { get; set; } = "";

    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (inputs, outputs) = (int.Parse(Shape.Split('x')[0]), int.Parse(Shape.Split('x')[1]));
        var random = new Random(inputs * outputs);
        var bound = 1 / Math.Sqrt(inputs);
        var graph = new OnnxGraphBuilder("layer");
        graph.Input("x", DataType.Float, "N", inputs);
        graph.Floats("w", Enumerable.Range(0, inputs * outputs).Select(_ => (float)((random.NextDouble() * 2 - 1) * bound)).ToArray(), outputs, inputs);
        graph.Floats("b", Enumerable.Range(0, outputs).Select(_ => (float)((random.NextDouble() * 2 - 1) * bound)).ToArray(), outputs);
        graph.Node("Gemm", ["x", "w", "b"], "h", OnnxGraphBuilder.Attribute("transB", 1));
        graph.Node("Relu", ["h"], "y");
        graph.Output("y", DataType.Float, "N", outputs);
        var fp32 = Google.Protobuf.MessageExtensions.ToByteArray(ClassifierOnnxWriter.NewModel(graph.Graph));
        var int8 = Int8Quantizer.Quantize(fp32, new() { MinimumElements = 1, IntegerComputeMinimumElements = 1 });

        using var options = OnnxClassifier.CreateSessionOptions();
        _fp32 = new InferenceSession(fp32, options);
        _int8 = new InferenceSession(int8, options);
        // Post-ReLU activations of a previous layer: non-negative, a few large.
        _input = OrtValue.CreateTensorValueFromMemory(
            Enumerable.Range(0, BatchSize * inputs).Select(_ => (float)Math.Max(0, random.NextDouble() * 3 - 1)).ToArray(), [BatchSize, inputs]);
        _runOptions = new RunOptions();
        var (fp32Us, int8Us) = InTurns.Medians(Fp32, Int8);
        Console.WriteLine($"// Setup: {inputs} × {outputs} = {inputs * outputs:N0} elements; optimized: fp32 {string.Join(" → ", OnnxRuns.OptimizedOperators(fp32))}, " +
                          $"int8 {string.Join(" → ", OnnxRuns.OptimizedOperators(int8))}");
        Console.WriteLine($"// In turns: batch {BatchSize}, {inputs} × {outputs}: fp32 {fp32Us:F2} µs, int8 {int8Us:F2} µs, ratio {int8Us / fp32Us:F2}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fp32?.Dispose();
        _int8?.Dispose();
        _input?.Dispose();
        _runOptions?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "fp32 Gemm + ReLU")]
    public void Fp32() => Run(_fp32);

    [Benchmark(Description = "int8 compute + ReLU")]
    public void Int8() => Run(_int8);

    private void Run(InferenceSession session)
    {
        using var results = session.Run(_runOptions, ["x"], [_input], ["y"]);
    }
}
