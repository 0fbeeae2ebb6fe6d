using Platform.Inference.Domain;

namespace Platform.Inference.Tests;

public sealed class ReconciliationWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 42, 30, 500, TimeSpan.Zero);

    [Fact]
    public void A_run_compares_from_the_hour_the_lookback_reaches_up_to_the_settle_delay_before_now_in_whole_seconds()
    {
        var window = ReconciliationWindow.Ending(Now, TimeSpan.FromMinutes(2), TimeSpan.FromHours(48));

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 40, 30, TimeSpan.Zero), window.Until);
    }

    [Fact]
    public void An_instant_with_an_offset_is_taken_in_utc()
    {
        var window = ReconciliationWindow.Ending(Now.ToOffset(TimeSpan.FromHours(5.5)), TimeSpan.Zero, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(TimeSpan.Zero, window.From.Offset);
    }

    [Fact]
    public void An_hour_is_clipped_to_the_window()
    {
        var window = ReconciliationWindow.Ending(Now, TimeSpan.FromMinutes(2), TimeSpan.FromHours(48));
        var ten = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal((ten, window.Until), window.Clip(ten));
        Assert.Equal((ten.AddHours(-1), ten), window.Clip(ten.AddHours(-1)));
    }
}
