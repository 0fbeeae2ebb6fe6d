using Platform.Modeling.Privacy;

namespace Platform.Modeling.Tests;

/// <summary>
/// The RDP accountant (ADR 28) against the figures established implementations assert in their own
/// tests, within 1 %:
/// - Opacus, opacus/tests/accountants_test.py, <c>test_rdp_accountant</c>: σ 1.5, q 0.04, 2,250 steps,
///   δ 1e-5 → ε 7.32911117143; <c>test_get_noise_multiplier</c>: ε 8, δ 1e-5, q 0.04, 90 epochs → σ 1.425307617.
/// - Google's dp_accounting (TF Privacy's accountant), rdp_privacy_accountant_test.py,
///   <c>test_compute_rdp_poisson_sampled_gaussian</c>: σ 2.5, q 0.01, 50 steps at orders 2.5, 5, 50 →
///   RDP 1.08548710e-03, 2.18075656e-03, 2.38460375e-02 (its 6.70579741e-04 at order 1.5 is 3 % above
///   the exact integral, 6.5007e-04, which this accountant gives; see the integral test below); and
///   <c>test_compute_epsilon_delta_pure_dp</c>: RDP 1.1 at orders 2–32, δ 1e-5 → ε 1.32783806176 at order 32.
/// </summary>
public class RdpAccountantTests
{
    [Fact]
    public void Opacus_dp_sgd_epsilon_is_reproduced()
    {
        var accountant = new RdpAccountant();
        accountant.Compose(noiseMultiplier: 1.5, sampleRate: 0.04, steps: (long)(90 / 0.04));

        var (epsilon, _) = accountant.Epsilon(1e-5);

        Assert.Equal(7.32911117143, epsilon, 7.32911117143 * 0.01);
    }

    [Fact]
    public void Opacus_noise_multiplier_for_a_target_epsilon_is_reproduced()
    {
        var sigma = RdpAccountant.NoiseFor(targetEpsilon: 8, delta: 1e-5, sampleRate: 0.04, steps: (long)(90 / 0.04));

        Assert.Equal(1.425307617, sigma, 1.425307617 * 0.01);
    }

    [Theory]
    [InlineData(2.5, 1.08548710e-03)]
    [InlineData(5, 2.18075656e-03)]
    [InlineData(50, 2.38460375e-02)]
    public void Dp_accounting_rdp_of_the_sampled_gaussian_is_reproduced_at_integer_and_fractional_orders(double order, double expected)
    {
        var accountant = new RdpAccountant([order]);
        accountant.Compose(noiseMultiplier: 2.5, sampleRate: 0.01, steps: 50);

        Assert.Equal(expected, accountant.Rdp[0], expected * 0.01);
    }

    [Fact]
    public void Dp_accounting_conversion_of_constant_rdp_is_reproduced()
    {
        var orders = Enumerable.Range(2, 31).Select(o => (double)o).ToArray();

        var (epsilon, best) = RdpAccountant.EpsilonFrom(orders, orders.Select(_ => 1.1).ToArray(), 1e-5);

        Assert.Equal(1.32783806176, epsilon, 1e-9);
        Assert.Equal(32, best);
    }

    /// <summary>
    /// A_α is ∫ μ₀(z) ((1−q) + q·exp((2z−1)/(2σ²)))^α dz with μ₀ the N(0, σ²) density: the series
    /// against a direct trapezoidal integral, at fractional and integer orders (as dp_accounting's
    /// <c>test_compute_log_a_equals_mp</c> checks its series against a multi-precision integral).
    /// </summary>
    [Theory]
    [InlineData(0.01, 2.5, 1.5)]
    [InlineData(0.04, 1.5, 3.7)]
    [InlineData(0.1, 1.0, 2.25)]
    [InlineData(0.05, 0.8, 6)]
    public void The_series_equal_the_integral_they_expand(double q, double sigma, double order)
    {
        const int points = 200_000;
        double low = -30 * sigma, high = 30 * sigma + 5, step = (high - low) / points, sum = 0;
        for (var k = 0; k <= points; k++)
        {
            var z = low + k * step;
            var density = Math.Exp(-z * z / (2 * sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI));
            sum += (k is 0 or points ? 0.5 : 1) * density * Math.Pow(1 - q + q * Math.Exp((2 * z - 1) / (2 * sigma * sigma)), order);
        }
        var integral = Math.Log(sum * step) / (order - 1);

        Assert.Equal(integral, RdpAccountant.StepRdp(q, sigma, order), integral * 1e-4);
    }

    [Fact]
    public void More_noise_spends_less_and_no_sampling_spends_nothing()
    {
        double Spent(double sigma) { var a = new RdpAccountant(); a.Compose(sigma, 0.05, 1000); return a.Epsilon(1e-5).Epsilon; }
        Assert.True(Spent(0.8) > Spent(1.0) && Spent(1.0) > Spent(2.0) && Spent(2.0) > Spent(4.0));
        var none = new RdpAccountant();
        none.Compose(1.0, 0, 1000);
        Assert.Equal(0, none.Epsilon(1e-5).Epsilon);
    }
}
