using Platform.Portal.Components.Shared;

namespace Platform.Portal.Tests;

public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(9, 2)]
    [InlineData(24, 5)]
    [InlineData(140, 50)]
    [InlineData(1_000, 200)]
    [InlineData(1_234_567, 500_000)]
    public void Ticks_are_a_round_step_that_gives_about_five_of_them(double max, int expected) =>
        Assert.Equal(expected, ChartScale.TickFor(max));
}
