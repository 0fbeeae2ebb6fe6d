using System.Numerics;
using Platform.Inference.Onnx;

namespace Platform.Inference.Serving;

/// <summary>
/// DeepLIFT's rescale rule on a ReLU network's log-odds (a regression's value), against the
/// all-missing baseline (ADR 23, amended): the approximation the issue allows for networks, in place
/// of Shapley values sampled from orders. Both the instance and the baseline go forward; each ReLU
/// passes back the ratio of its output's change to its input's change (its slope where the change
/// is too small to divide by), each dense layer its transposed weights, so every feature slot gets
/// multiplier × (its value − the baseline's), and a raw input the sum over its slots. The credits add
/// up to log-odds(instance) − log-odds(baseline) exactly, as every order of a sampled explanation
/// does, for the cost of one forward and one backward pass in managed code instead of 1 + orders ×
/// inputs rows through the session. They are not Shapley values: where inputs interact through a
/// ReLU, DeepLIFT shares the change along the straight line from the baseline, Shapley over all
/// coalitions (ADR 23 gives how far apart they measure).
/// </summary>
internal sealed class DeepLiftExplainer : IFeatureVectorExplainer
{
    // A ReLU input that moved less than this has its slope instead of a ratio of two roundings.
    private const double Small = 1e-7;

    // In double: the credits must add up to the log-odds the same arithmetic computes (to 1e-12, not a float's 1e-6).
    private readonly (double[] Weight, double[] Bias, int Inputs, int Outputs)[] _layers;
    private readonly int[] _slotInputs;
    private readonly double[][] _baseline;
    private readonly double[] _output;

    /// <param name="output">The last layer's weights of the explained score: (−1, +1) for a binary classifier's log-odds, (1) for a value.</param>
    public DeepLiftExplainer(IReadOnlyList<NetworkLayer> layers, IReadOnlyList<int> slotInputs, int inputs, ReadOnlySpan<float> baseline, double[] output)
    {
        _layers = [.. layers.Select(l => (Array.ConvertAll(l.Weight, w => (double)w), Array.ConvertAll(l.Bias, b => (double)b), l.Inputs, l.Outputs))];
        _slotInputs = [.. slotInputs];
        _output = output;
        Inputs = inputs;
        Width = layers[0].Inputs;
        if (baseline.Length != Width) throw new ArgumentException($"The baseline has {baseline.Length} slots; the network reads {Width}.", nameof(baseline));
        _baseline = Forward(Array.ConvertAll(baseline.ToArray(), v => (double)v));
        BaseLogOdds = Score(_baseline[^1]);
    }

    public string Method => PredictionExplainer.DeepLift;

    /// <summary>The baseline's feature vector.</summary>
    public double[] BaselineFeatures => _baseline[0];

    /// <summary>The baseline's pre-activations of layer <paramref name="layer"/> (0-based): what the graph's rescale divides by.</summary>
    public double[] BaselinePreActivation(int layer) => _baseline[2 * layer + 1];
    public int Inputs { get; }
    public int Width { get; }
    public double BaseLogOdds { get; }

    public void Explain(ReadOnlySpan<float> features, Span<double> credits, Span<double> logOdds)
    {
        var count = logOdds.Length;
        if (features.Length != count * Width) throw new ArgumentException($"{count} feature vectors have {count * Width} slots, not {features.Length}.", nameof(features));
        if (credits.Length != count * Inputs) throw new ArgumentException($"{count} instances have {count * Inputs} credits, not {credits.Length}.", nameof(credits));
        for (var i = 0; i < count; i++)
        {
            var x = new double[Width];
            for (var j = 0; j < Width; j++) x[j] = features[i * Width + j];
            var activations = Forward(x);
            logOdds[i] = Score(activations[^1]);

            // Multipliers of the last layer's outputs, then back through each layer.
            var multiplier = (double[])_output.Clone();
            for (var l = _layers.Length - 1; l >= 0; l--)
            {
                var layer = _layers[l];
                var below = new double[layer.Inputs];
                for (var o = 0; o < layer.Outputs; o++)
                {
                    var m = multiplier[o];
                    if (m == 0) continue;
                    AddScaled(below, m, layer.Weight.AsSpan(o * layer.Inputs, layer.Inputs));
                }
                if (l > 0)
                {
                    // Through the ReLU below this layer: Δoutput / Δinput.
                    var (pre, preBase) = (activations[2 * l - 1], _baseline[2 * l - 1]);
                    for (var j = 0; j < below.Length; j++)
                    {
                        var delta = pre[j] - preBase[j];
                        below[j] *= Math.Abs(delta) > Small
                            ? (Math.Max(pre[j], 0) - Math.Max(preBase[j], 0)) / delta
                            : pre[j] > 0 ? 1 : 0;
                    }
                }
                multiplier = below;
            }

            var instance = credits.Slice(i * Inputs, Inputs);
            instance.Clear();
            for (var s = 0; s < Width; s++)
                instance[_slotInputs[s]] += multiplier[s] * (x[s] - _baseline[0][s]);
        }
    }

    /// <summary>
    /// The feature vector, then each layer's pre-activation and (but for the last) its ReLU output:
    /// [x, z1, a1, z2, a2, …, zL]; the pre-activations are what the rescale rule divides.
    /// </summary>
    private double[][] Forward(double[] x)
    {
        var values = new double[2 * _layers.Length][];
        values[0] = x;
        var input = x;
        for (var l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var z = new double[layer.Outputs];
            for (var o = 0; o < z.Length; o++) z[o] = layer.Bias[o] + Dot(layer.Weight.AsSpan(o * layer.Inputs, layer.Inputs), input);
            values[2 * l + 1] = z;
            if (l == _layers.Length - 1) break;
            var a = new double[z.Length];
            for (var o = 0; o < a.Length; o++) a[o] = Math.Max(z[o], 0);
            values[2 * l + 2] = a;
            input = a;
        }
        return values;
    }

    private double Score(double[] last)
    {
        var score = 0.0;
        for (var o = 0; o < last.Length; o++) score += _output[o] * last[o];
        return score;
    }

    /// <summary>sum += scale × row, a vector at a time (the backward pass's whole cost, as the dot products are the forward's).</summary>
    private static void AddScaled(Span<double> sum, double scale, ReadOnlySpan<double> row)
    {
        var factor = new Vector<double>(scale);
        var i = 0;
        for (; i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
            (new Vector<double>(sum[i..]) + factor * new Vector<double>(row[i..])).CopyTo(sum[i..]);
        for (; i < row.Length; i++) sum[i] += scale * row[i];
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            sum += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
