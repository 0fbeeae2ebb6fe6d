using Platform.Billing.Domain;

namespace Platform.Billing.Tests;

public sealed class BillingPeriodTests
{
    [Fact]
    public void A_period_is_a_calendar_month_in_utc_with_an_exclusive_end()
    {
        Assert.True(BillingPeriod.TryParse("2026-11", out var period));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal("2026-11", period.ToString());
    }

    [Fact]
    public void December_ends_at_the_start_of_the_next_year() =>
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), BillingPeriod.Month(2026, 12).End);

    [Fact]
    public void The_month_of_an_instant_is_taken_in_utc_not_in_its_offset()
    {
        var berlinJustAfterMidnight = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1)); // 23:30 UTC on 30 November
        Assert.Equal(BillingPeriod.Month(2026, 11), BillingPeriod.Containing(berlinJustAfterMidnight));
        Assert.Equal(BillingPeriod.Month(2026, 12), BillingPeriod.Containing(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026/11")]
    [InlineData("11-2026")]
    [InlineData("2026-11-01")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_year_and_month_is_refused(string? text) =>
        Assert.False(BillingPeriod.TryParse(text, out _));
}
