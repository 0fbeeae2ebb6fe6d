using Platform.Modeling.Compression;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;

namespace Platform.Modeling.Tests;

/// <summary>What the int8 graph is made of: which layers compute in integers and which only store int8 (ADR 15).</summary>
public class QuantizationTests(FinanceModels finance) : IClassFixture<FinanceModels>
{
    [Theory]
    [InlineData(SymmetricInt8.FullLevels)]
    [InlineData(SymmetricInt8.ReducedLevels)]
    public void Per_output_scales_bound_the_rounding_error_by_half_a_step(int levels)
    {
        var random = new Random(3);
        var weights = Enumerable.Range(0, 6 * 50).Select(_ => (float)(random.NextDouble() * 2 - 1) * random.Next(1, 4)).ToArray();

        var (values, scales) = SymmetricInt8.QuantizePerOutput(weights, 6, 50, outputsAreRows: true, levels);

        Assert.Equal(6, scales.Length);
        for (var r = 0; r < 6; r++)
        {
            var row = weights.AsSpan(r * 50, 50);
            var max = 0f;
            foreach (var w in row) max = Math.Max(max, Math.Abs(w));
            Assert.Equal(max / levels, scales[r], 6);
            for (var c = 0; c < 50; c++)
            {
                Assert.InRange(values[r * 50 + c], -levels, levels);
                Assert.InRange(Math.Abs(values[r * 50 + c] * scales[r] - row[c]), 0, scales[r] / 2 + 1e-6);
            }
        }
        Assert.Contains(values, v => v == levels || v == -levels);
    }

    [Fact]
    public void A_model_without_large_weights_is_refused()
    {
        var trained = new TabularClassifierTrainer(new() { MaxEpochs = 2, HiddenLayers = [4] })
            .Train(Tables.Request(SyntheticData.Create(300), "outcome", "yes", null, 1));
        Assert.Throws<InvalidOperationException>(() => Int8Quantizer.Quantize(trained.OnnxModel));
    }

    [Fact]
    public void A_layer_from_the_threshold_computes_in_integers_and_no_float_gemm_reads_its_weight()
    {
        // Wide: 30 inputs → 512 → 256 → 2. Only layer1 (512 × 256 = 131,072) reaches 65,536 elements.
        var int8 = Int8Quantizer.Quantize(finance.Wide.OnnxModel);
        var graph = OnnxGraphs.Read(int8);

        var matmul = Assert.Single(graph.Node, n => n.OpType == "MatMulInteger");
        Assert.Equal("layer1.weight.int8", matmul.Input[1]);
        Assert.Equal("DynamicQuantizeLinear", OnnxGraphs.Producer(graph, matmul.Input[0])!.OpType);
        var weight = graph.Initializer.Single(t => t.Name == "layer1.weight.int8");
        Assert.Equal((int)TensorProto.Types.DataType.Int8, weight.DataType);
        Assert.Equal([512L, 256L], weight.Dims); // [K, N], as MatMulInteger takes it
        Assert.DoesNotContain(graph.Initializer, t => t.Name == "layer1.weight");

        // Every Gemm left is a small layer: its weight is dequantized int8, none of them is layer1.
        var gemms = graph.Node.Where(n => n.OpType == "Gemm").ToArray();
        Assert.Equal(["layer0.weight", "layer2.weight"], gemms.Select(g => g.Input[1]));
        Assert.All(gemms, g => Assert.Equal("DequantizeLinear", OnnxGraphs.Producer(graph, g.Input[1])!.OpType));
        Assert.DoesNotContain(graph.Node, n => n.OpType == "DequantizeLinear" && n.Input[0] == "layer1.weight.int8");
    }

    [Fact]
    public void Onnx_runtime_runs_the_integer_layer_as_one_fused_integer_kernel()
    {
        var optimized = OnnxGraphs.Optimized(Int8Quantizer.Quantize(finance.Wide.OnnxModel));

        // MatMulInteger → Cast → Mul → Add, and the DynamicQuantizeLinear before it, become one DynamicQuantizeMatMul
        // (with the session options serving uses); had a step not fused, the chain would run node by node.
        var fused = Assert.Single(optimized.Node, n => n.OpType == "DynamicQuantizeMatMul");
        Assert.Equal("layer1.weight.int8", fused.Input[1]);
        Assert.DoesNotContain(optimized.Node, n => n.OpType is "MatMulInteger" or "DynamicQuantizeLinear" or "Cast");
        // The small layers' DequantizeLinear was folded into float weights at load.
        Assert.DoesNotContain(optimized.Node, n => n.OpType == "DequantizeLinear");
    }

    [Fact]
    public void The_default_finance_network_keeps_float_arithmetic_with_int8_weights()
    {
        // 30 → 256 → 128 → 2: layer1 has 32,768 elements, under the threshold; every weight is still int8 on disk.
        var int8 = Int8Quantizer.Quantize(finance.Default.OnnxModel);
        var graph = OnnxGraphs.Read(int8);

        Assert.DoesNotContain(graph.Node, n => n.OpType is "MatMulInteger" or "DynamicQuantizeLinear");
        Assert.Equal(3, graph.Node.Count(n => n.OpType == "DequantizeLinear"));
        Assert.DoesNotContain(graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Float && t.Dims.Count == 2);
        Assert.True(int8.Length <= 0.35 * finance.Default.OnnxModel.Length, $"{int8.Length} of {finance.Default.OnnxModel.Length} bytes");
    }

    [Fact]
    public void The_metadata_says_which_layers_compute_in_int8_and_which_only_store_it()
    {
        var description = OnnxGraphs.Metadata(Int8Quantizer.Quantize(finance.Wide.OnnxModel), ModelMetadata.Quantization);

        Assert.Contains("int8 compute in layer1.weight (512 → 256)", description);
        Assert.Contains("float compute in layer0.weight (30 → 512), layer2.weight (256 → 2)", description);
    }
}
