using Platform.Modeling.Compression;

namespace Platform.Modeling.Tests;

public class QuantizationTests
{
    [Fact]
    public void Per_output_scales_bound_the_rounding_error_by_half_a_step()
    {
        var random = new Random(3);
        var weights = Enumerable.Range(0, 6 * 50).Select(_ => (float)(random.NextDouble() * 2 - 1) * (random.Next(1, 4))).ToArray();

        var (values, scales) = Int8Quantizer.QuantizePerOutput(weights, 6, 50, outputsAreRows: true);

        Assert.Equal(6, scales.Length);
        for (var r = 0; r < 6; r++)
        {
            var row = weights.AsSpan(r * 50, 50);
            var max = 0f;
            foreach (var w in row) max = Math.Max(max, Math.Abs(w));
            Assert.Equal(max / 127f, scales[r], 6);
            for (var c = 0; c < 50; c++)
                Assert.InRange(Math.Abs(values[r * 50 + c] * scales[r] - row[c]), 0, scales[r] / 2 + 1e-6);
        }
        Assert.Contains(values, v => v == 127 || v == -127);
    }

    [Fact]
    public void A_model_without_large_weights_is_refused()
    {
        var trained = new Training.TabularClassifierTrainer(new() { MaxEpochs = 2, HiddenLayers = [4] })
            .Train(new Training.TrainingRequest(SyntheticData.Create(300), "outcome", "yes", null, 1));
        Assert.Throws<InvalidOperationException>(() => Int8Quantizer.Quantize(trained.OnnxModel));
    }
}
