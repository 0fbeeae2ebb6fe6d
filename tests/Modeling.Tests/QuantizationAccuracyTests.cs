using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Tabular.Evaluation;
using Xunit.Abstractions;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Tests;

/// <summary>
/// The int8 file scores like its fp32 parent on the finance sample's test rows. Integer layers
/// quantize their activations per call, so a row's score depends a little on the batch it comes in:
/// both one row at a time (a range of one row) and all test rows at once (the widest range) are checked.
/// </summary>
public class QuantizationAccuracyTests(FinanceModels finance, ITestOutputHelper output) : IClassFixture<FinanceModels>
{
    /// <summary>
    /// The largest |p(int8) − p(fp32)| accepted on any test row. Measured: 0.003 with int8 weights only,
    /// 0.005 with the default network's 256 × 128 layer in integers, 0.03 when every layer, the
    /// first one's raw features included, is (which this test would refuse).
    /// </summary>
    private const double ProbabilityTolerance = 0.02;

    public static TheoryData<string, int> Variants => new()
    {
        { "default network, default options (int8 weights, float compute)", Int8QuantizationOptions.Default.IntegerComputeMinimumElements },
        { "default network, its 256 × 128 layer computing in int8", 32_768 },
        { "wide network, default options (512 × 256 layer in int8)", Int8QuantizationOptions.Default.IntegerComputeMinimumElements },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Int8_scores_the_finance_test_rows_like_fp32_one_at_a_time_and_all_at_once(string variant, int integerFrom)
    {
        var parent = variant.StartsWith("wide", StringComparison.Ordinal) ? finance.Wide : finance.Default;
        var int8 = Int8Quantizer.Quantize(parent.OnnxModel, new() { IntegerComputeMinimumElements = integerFrom });
        var request = finance.Request;
        var (rows, labels) = LabelledTable.From(request.Data, request.TargetColumn, request.PositiveClass, null, request.Seed).Partition(SplitPartition.Test);

        using var fp32 = new OnnxClassifier(parent.OnnxModel);
        using var quantized = new OnnxClassifier(int8);
        var expected = fp32.PredictPositive(request.Data, rows);
        var together = quantized.PredictPositive(request.Data, rows);
        var alone = rows.Select(r => quantized.PredictPositive(request.Data, [r])[0]).ToArray();

        var deltaTogether = expected.Zip(together).Max(p => Math.Abs(p.First - p.Second));
        var deltaAlone = expected.Zip(alone).Max(p => Math.Abs(p.First - p.Second));
        var aucLost = ClassificationMetrics.AreaUnderRoc(labels.Select(l => l == 1).ToArray(), expected) - ClassificationMetrics.AreaUnderRoc(labels.Select(l => l == 1).ToArray(), together);
        output.WriteLine($"{variant}: {rows.Length} rows, max |Δp| {deltaTogether:F4} together, {deltaAlone:F4} alone; ROC-AUC lost {aucLost:F4}");

        Assert.InRange(deltaTogether, 0, ProbabilityTolerance);
        Assert.InRange(deltaAlone, 0, ProbabilityTolerance);
        Assert.True(aucLost <= FinanceModels.Solution.AccuracyBudget, $"int8 lost {aucLost:F4} ROC-AUC, budget {FinanceModels.Solution.AccuracyBudget}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_integer_gemm_gives_the_float_result_within_its_rounding_in_either_weight_layout(bool transposed)
    {
        const int inputs = 300, outputs = 256, rows = 8;
        var random = new Random(7);
        var weight = Enumerable.Range(0, inputs * outputs).Select(_ => (float)(random.NextDouble() * 2 - 1) / 10).ToArray();
        var bias = Enumerable.Range(0, outputs).Select(_ => (float)random.NextDouble()).ToArray();
        var x = Enumerable.Range(0, rows * inputs).Select(_ => (float)(random.NextDouble() * 4 - 1)).ToArray();

        var graph = new OnnxGraphBuilder("gemm");
        graph.Input("x", DataType.Float, "N", inputs);
        // transB = 1 holds W as [outputs, inputs] (torch), transB = 0 as [inputs, outputs].
        var stored = transposed ? weight : Transpose(weight, outputs, inputs);
        graph.Floats("w", stored, transposed ? [outputs, inputs] : [inputs, outputs]);
        graph.Floats("b", bias, outputs);
        graph.Node("Gemm", ["x", "w", "b"], "y", OnnxGraphBuilder.Attribute("transB", transposed ? 1 : 0));
        graph.Output("y", DataType.Float, "N", outputs);
        var fp32 = Google.Protobuf.MessageExtensions.ToByteArray(ClassifierOnnxWriter.NewModel(graph.Graph));

        var int8 = Int8Quantizer.Quantize(fp32);
        Assert.Contains(OnnxGraphs.Read(int8).Node, n => n.OpType == "MatMulInteger");

        using var options = OnnxClassifier.CreateSessionOptions();
        using var session = new InferenceSession(int8, options);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [rows, inputs]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["x"], [input], ["y"]);
        var y = results[0].GetTensorDataAsSpan<float>().ToArray();

        // Activations: one step of (max − min) / 255 over the batch; weights: one step of max|w| / 64 per output.
        var activationStep = (x.Max() - Math.Min(0, x.Min())) / 255;
        for (var r = 0; r < rows; r++)
            for (var o = 0; o < outputs; o++)
            {
                double exact = bias[o], bound = 0;
                var weightStep = Enumerable.Range(0, inputs).Max(i => Math.Abs(weight[o * inputs + i])) / SymmetricInt8.ReducedLevels;
                for (var i = 0; i < inputs; i++)
                {
                    var xi = x[r * inputs + i];
                    var wi = weight[o * inputs + i];
                    exact += xi * wi;
                    bound += (Math.Abs(xi) + activationStep) * weightStep / 2 + Math.Abs(wi) * activationStep / 2;
                }
                Assert.InRange(y[r * outputs + o], exact - bound - 1e-4, exact + bound + 1e-4);
            }
    }

    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var transposed = new float[values.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                transposed[c * rows + r] = values[r * columns + c];
        return transposed;
    }
}
