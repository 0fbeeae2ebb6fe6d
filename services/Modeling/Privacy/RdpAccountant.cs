namespace Platform.Modeling.Privacy;

/// <summary>
/// Rényi-DP accounting of DP-SGD (ADR 28): each step is the Sampled Gaussian Mechanism — every
/// example joins the batch with probability q (Poisson sampling), its gradient is clipped to norm C
/// and Gaussian noise of standard deviation σ·C is added to the sum. The RDP of one step at order α
/// is log(A_α)/(α−1) (Mironov, Talwar and Zhang, "Rényi Differential Privacy of the Sampled Gaussian
/// Mechanism", 2019, §3.3: a binomial sum for integer α, two erfc-weighted series for fractional α);
/// steps compose by adding RDP; (ε, δ) is the best over the orders of Balle et al.'s conversion
/// ("Hypothesis testing interpretations and Rényi differential privacy", 2020, Theorem 21):
/// ε = RDP(α) + log((α−1)/α) − (log δ + log α)/(α−1). The neighbouring relation is add-or-remove one
/// example. Written here from the papers: no .NET library does this.
/// </summary>
public sealed class RdpAccountant
{
    /// <summary>The orders Opacus and TF Privacy use by default: 1.1 to 10.9 by 0.1, then 12 to 63.</summary>
    public static IReadOnlyList<double> DefaultOrders { get; } =
        [.. Enumerable.Range(1, 99).Select(x => 1 + x / 10.0), .. Enumerable.Range(12, 52).Select(x => (double)x)];

    private readonly double[] _orders;
    private readonly double[] _rdp;

    public RdpAccountant(IReadOnlyList<double>? orders = null)
    {
        _orders = [.. orders ?? DefaultOrders];
        if (_orders.Any(a => !(a > 1))) throw new ArgumentOutOfRangeException(nameof(orders), "Every order is above 1.");
        _rdp = new double[_orders.Length];
    }

    public IReadOnlyList<double> Orders => _orders;
    public IReadOnlyList<double> Rdp => _rdp;

    /// <summary>Adds <paramref name="steps"/> steps of the Sampled Gaussian Mechanism.</summary>
    public void Compose(double noiseMultiplier, double sampleRate, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(noiseMultiplier);
        if (sampleRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(sampleRate), "A sampling probability is between 0 and 1.");
        for (var i = 0; i < _orders.Length; i++) _rdp[i] += steps * StepRdp(sampleRate, noiseMultiplier, _orders[i]);
    }

    /// <summary>The smallest ε over the orders for <paramref name="delta"/>, and the order that gives it.</summary>
    public (double Epsilon, double Order) Epsilon(double delta) => EpsilonFrom(_orders, _rdp, delta);

    /// <summary>The conversion alone: the smallest ε over <paramref name="orders"/> of an RDP curve, for <paramref name="delta"/>.</summary>
    public static (double Epsilon, double Order) EpsilonFrom(IReadOnlyList<double> orders, IReadOnlyList<double> rdp, double delta)
    {
        if (delta is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(delta), "δ is between 0 and 1.");
        // Nothing released (no step, or no example ever sampled) spends nothing, as dp_accounting says.
        if (rdp.All(r => r == 0)) return (0, orders[0]);
        var best = (Epsilon: double.PositiveInfinity, Order: double.NaN);
        for (var i = 0; i < orders.Count; i++)
        {
            var a = orders[i];
            var epsilon = rdp[i] + Math.Log((a - 1) / a) - (Math.Log(delta) + Math.Log(a)) / (a - 1);
            if (epsilon < best.Epsilon) best = (epsilon, a);
        }
        return (Math.Max(0, best.Epsilon), best.Order);
    }

    /// <summary>
    /// The smallest noise multiplier (to <paramref name="tolerance"/> in ε) whose
    /// <paramref name="steps"/> steps at <paramref name="sampleRate"/> spend at most
    /// <paramref name="targetEpsilon"/> for <paramref name="delta"/>: how training calibrates its noise.
    /// </summary>
    public static double NoiseFor(double targetEpsilon, double delta, double sampleRate, long steps, IReadOnlyList<double>? orders = null, double tolerance = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetEpsilon);
        double EpsilonAt(double sigma)
        {
            var accountant = new RdpAccountant(orders);
            accountant.Compose(sigma, sampleRate, steps);
            return accountant.Epsilon(delta).Epsilon;
        }
        double low = 0, high = 10;
        while (EpsilonAt(high) > targetEpsilon) { low = high; high *= 2; if (high > 1e6) throw new ArgumentException("No noise multiplier reaches that ε."); }
        while (true)
        {
            var middle = (low + high) / 2;
            var epsilon = EpsilonAt(middle);
            if (epsilon > targetEpsilon) low = middle;
            else if (targetEpsilon - epsilon <= tolerance) return middle;
            else high = middle;
        }
    }

    /// <summary>RDP of one step of the Sampled Gaussian Mechanism at order <paramref name="alpha"/>.</summary>
    internal static double StepRdp(double q, double sigma, double alpha)
    {
        if (q == 0) return 0;
        if (sigma == 0 || double.IsPositiveInfinity(alpha)) return double.PositiveInfinity;
        if (q == 1) return alpha / (2 * sigma * sigma);
        var logA = alpha == Math.Floor(alpha) ? LogAForIntegerOrder(q, sigma, (int)alpha) : LogAForFractionalOrder(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    /// <summary>log A_α = log Σᵢ C(α,i) qⁱ (1−q)^(α−i) exp((i²−i)/(2σ²)), in log space.</summary>
    private static double LogAForIntegerOrder(double q, double sigma, int alpha)
    {
        var logA = double.NegativeInfinity;
        var logBinomial = 0.0; // log C(α, 0)
        for (var i = 0; i <= alpha; i++)
        {
            if (i > 0) logBinomial += Math.Log(alpha - i + 1) - Math.Log(i);
            var term = logBinomial + i * Math.Log(q) + (alpha - i) * Math.Log(1 - q) + (i * (double)i - i) / (2 * sigma * sigma);
            logA = LogAdd(logA, term);
        }
        return logA;
    }

    /// <summary>The two series of §3.3 for fractional α, split at z₀ = σ² log(1/q − 1) + ½, summed until their terms are below e⁻³⁰.</summary>
    private static double LogAForFractionalOrder(double q, double sigma, double alpha)
    {
        double logA0 = double.NegativeInfinity, logA1 = double.NegativeInfinity;
        var z0 = sigma * sigma * Math.Log(1 / q - 1) + 0.5;
        var binomial = 1.0; // C(α, i), by C(α, i+1) = C(α, i)(α − i)/(i + 1)
        for (var i = 0; ; i++)
        {
            if (i > 0) binomial *= (alpha - (i - 1)) / i;
            var logCoefficient = Math.Log(Math.Abs(binomial));
            var j = alpha - i;
            var logT0 = logCoefficient + i * Math.Log(q) + j * Math.Log(1 - q);
            var logT1 = logCoefficient + j * Math.Log(q) + i * Math.Log(1 - q);
            var logE0 = Math.Log(0.5) + LogErfc((i - z0) / (Math.Sqrt(2) * sigma));
            var logE1 = Math.Log(0.5) + LogErfc((z0 - j) / (Math.Sqrt(2) * sigma));
            var logS0 = logT0 + (i * (double)i - i) / (2 * sigma * sigma) + logE0;
            var logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
            if (binomial > 0)
            {
                logA0 = LogAdd(logA0, logS0);
                logA1 = LogAdd(logA1, logS1);
            }
            else
            {
                logA0 = LogSubtract(logA0, logS0);
                logA1 = LogSubtract(logA1, logS1);
            }
            if (Math.Max(logS0, logS1) < -30) break;
        }
        return LogAdd(logA0, logA1);
    }

    private static double LogAdd(double x, double y)
    {
        var (a, b) = (Math.Min(x, y), Math.Max(x, y));
        return double.IsNegativeInfinity(a) ? b : Math.Log(1 + Math.Exp(a - b)) + b;
    }

    private static double LogSubtract(double x, double y)
    {
        if (x < y) throw new ArithmeticException("A series term exceeded its sum.");
        if (double.IsNegativeInfinity(y)) return x;
        if (x == y) return double.NegativeInfinity;
        var difference = Math.Exp(x - y) - 1;
        return double.IsPositiveInfinity(difference) ? x : Math.Log(difference) + y;
    }

    /// <summary>
    /// log erfc(x) without underflow: for x ≥ 0, erfc(x) = t·exp(−x² + P(t)) with t = 1/(1 + x/2) and
    /// the Chebyshev polynomial P of Numerical Recipes' erfcc (fractional error below 1.2e-7
    /// everywhere), so the logarithm is taken of the pieces; for x &lt; 0, erfc(x) = 2 − erfc(−x).
    /// </summary>
    internal static double LogErfc(double x)
    {
        if (x < 0) return Math.Log(2 - Math.Exp(LogErfc(-x)));
        var t = 1 / (1 + 0.5 * x);
        var p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        return Math.Log(t) - x * x + p;
    }
}
