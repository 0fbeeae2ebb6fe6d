namespace Platform.Modeling.Compression;

/// <summary>
/// Platt scaling: P(positive | s) = 1 / (1 + exp(slope·s + offset)), the two numbers fitted by
/// Newton's method on the log loss (FastTree's calibrator has this form; <see cref="TreePruner"/>
/// refits it after cutting trees). It starts from the calibrator being refitted and halves any step
/// that does not lower the loss: raw tree scores run to tens, where a plain Newton step from an
/// arbitrary start saturates the sigmoid and overshoots by orders of magnitude.
/// </summary>
internal static class Platt
{
    public static (double Slope, double Offset) Fit(double[] scores, bool[] positive, double slope, double offset, int iterations = 100)
    {
        // In the form p = σ(a·s + b): a = −slope, b = −offset.
        double a = -slope, b = -offset;
        var loss = Loss(scores, positive, a, b);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                var p = Sigmoid(a * scores[i] + b);
                var error = p - (positive[i] ? 1 : 0);
                var w = p * (1 - p);
                ga += error * scores[i]; gb += error;
                haa += w * scores[i] * scores[i]; hab += w * scores[i]; hbb += w;
            }
            // A touch of ridge keeps a separable or constant score from a singular step.
            haa += 1e-9; hbb += 1e-9;
            var det = haa * hbb - hab * hab;
            if (det <= 0) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            var step = 1.0;
            double next;
            while ((next = Loss(scores, positive, a - step * da, b - step * db)) > loss && step > 1e-6) step /= 2;
            if (next > loss) break;
            a -= step * da; b -= step * db;
            var gain = loss - next;
            loss = next;
            if (gain < 1e-12 * scores.Length) break;
        }
        return (-a, -b);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Loss(double[] scores, bool[] positive, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            // log(1 + e^−z) for a positive, log(1 + e^z) for a negative, computed without overflow.
            var z = a * scores[i] + b;
            var m = positive[i] ? -z : z;
            sum += m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
        }
        return sum;
    }
}
