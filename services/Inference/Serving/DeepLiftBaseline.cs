using System.Numerics;
using Platform.Inference.Onnx;

namespace Platform.Inference.Serving;

/// <summary>
/// DeepLIFT's rescale rule on a ReLU network's log-odds (a regression's value), against the
/// all-missing baseline (ADR 23, amended): the approximation the issue allows for networks, in place
/// of Shapley values sampled from orders. Both the instance and the baseline go forward; each ReLU
/// passes back the ratio of its output's change to its input's change (its slope where the
/// two inputs are equal), each dense layer its transposed weights, so every feature slot gets
/// multiplier × (its value − the baseline's), and a raw input the sum over its slots. The credits add
/// up to log-odds(instance) − log-odds(baseline) exactly, as every order of a sampled explanation
/// does. They are not Shapley values: where inputs interact through a ReLU, DeepLIFT shares the
/// change along the straight line from the baseline, Shapley over all coalitions (ADR 23 gives how
/// far apart they measure). This is the baseline's side, computed once at load: its feature vector,
/// pre-activations and log-odds, the constants of the backward pass the file gets appended
/// (<c>NetworkFile.Explaining</c>), where ONNX Runtime runs it for whole batches.
/// </summary>
internal sealed class DeepLiftBaseline
{
    // In double: the baseline's log-odds are checked against the file's own score at load.
    private readonly (double[] Weight, double[] Bias, int Inputs, int Outputs)[] _layers;
    private readonly double[][] _baseline;
    private readonly double[] _output;

    /// <param name="output">The last layer's weights of the explained score: (−1, +1) for a binary classifier's log-odds, (1) for a value.</param>
    public DeepLiftBaseline(IReadOnlyList<NetworkLayer> layers, ReadOnlySpan<float> baseline, double[] output)
    {
        _layers = [.. layers.Select(l => (Array.ConvertAll(l.Weight, w => (double)w), Array.ConvertAll(l.Bias, b => (double)b), l.Inputs, l.Outputs))];
        _output = output;
        Width = layers[0].Inputs;
        if (baseline.Length != Width) throw new ArgumentException($"The baseline has {baseline.Length} slots; the network reads {Width}.", nameof(baseline));
        _baseline = Forward(Array.ConvertAll(baseline.ToArray(), v => (double)v));
        BaseLogOdds = Score(_baseline[^1]);
    }

    /// <summary>The baseline's feature vector.</summary>
    public double[] BaselineFeatures => _baseline[0];

    /// <summary>The baseline's pre-activations of layer <paramref name="layer"/> (0-based): what the graph's rescale divides by.</summary>
    public double[] BaselinePreActivation(int layer) => _baseline[2 * layer + 1];
    public int Width { get; }
    /// <summary>The baseline's log-odds (value), in double from the file's weights.</summary>
    public double BaseLogOdds { get; }

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
