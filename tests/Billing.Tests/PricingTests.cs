using Platform.Billing.Domain;

namespace Platform.Billing.Tests;

public sealed class PricingTests
{
    [Theory]
    [InlineData(300, "0.50", "0.15")]      // 300 × 0.50 / 1000 = 0.15 exactly
    [InlineData(1000, "0.50", "0.50")]
    [InlineData(0, "0.50", "0.00")]
    [InlineData(1, "0.50", "0.00")]        // 0.0005 rounds down
    [InlineData(10, "0.50", "0.01")]       // 0.005 is a midpoint: away from zero, not to even (0.00)
    [InlineData(50, "0.50", "0.03")]       // 0.025: banker's rounding would give 0.02
    [InlineData(30, "0.50", "0.02")]       // 0.015
    [InlineData(29, "0.50", "0.01")]       // 0.0145 is below the midpoint
    [InlineData(70, "0.35", "0.02")]       // 0.0245
    [InlineData(1_234_567, "0.35", "432.10")] // 432.09845
    [InlineData(3, "0.3333", "0.00")]      // 0.0009999
    public void A_line_costs_predictions_times_the_price_per_thousand_rounded_half_away_from_zero_to_cents(
        long predictions, string pricePer1000, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Pricing.LineAmount(predictions, decimal.Parse(pricePer1000, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Decimal_arithmetic_keeps_prices_that_binary_floating_point_cannot_represent_exactly()
    {
        // 0.1 + 0.2 style error would turn 0.0150 into 0.01499999… and round it down.
        Assert.Equal(0.02m, Pricing.LineAmount(150, 0.1m));
        Assert.Equal(300_000_000.00m, Pricing.LineAmount(1_000_000_000_000, 0.3m));
    }

    [Fact]
    public void A_total_is_the_sum_of_the_rounded_lines_not_the_rounded_sum()
    {
        var lines = new[] { Pricing.LineAmount(10, 0.50m), Pricing.LineAmount(10, 0.50m) };
        Assert.Equal(0.02m, Pricing.Total(lines)); // the unrounded 0.010 would be 0.01
    }
}
