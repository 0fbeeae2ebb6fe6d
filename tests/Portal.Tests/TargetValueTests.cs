using Platform.Portal.Services;

namespace Platform.Portal.Tests;

/// <summary>A regression target's numbers as the page writes them: as many places as the size of the number warrants.</summary>
public sealed class TargetValueTests
{
    [Theory]
    [InlineData(234_567.891, "234,568")]
    [InlineData(1000, "1,000")]
    [InlineData(42.5, "42.5")]
    [InlineData(3.14159, "3.14")]
    [InlineData(1, "1")]
    [InlineData(0.012345, "0.0123")]
    [InlineData(0, "0")]
    [InlineData(-1234.4, "-1,234")]
    [InlineData(-0.5, "-0.5")]
    public void A_value_keeps_the_places_its_size_warrants(double value, string text) => Assert.Equal(text, TargetValue.Format(value));

    [Theory]
    [InlineData(1523.7, "+1,524")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(0, "0")]
    public void A_credit_always_shows_its_sign(double value, string text) => Assert.Equal(text, TargetValue.Signed(value));
}
