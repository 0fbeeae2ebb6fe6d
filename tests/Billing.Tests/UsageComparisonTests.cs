using Platform.Billing.Domain;

namespace Platform.Billing.Tests;

public sealed class UsageComparisonTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static HourlyUsage Hour(string deployment, int hour, long records, long predictions) => new(deployment, Ten.AddHours(hour), records, predictions);

    [Fact]
    public void Hours_that_agree_on_records_and_predictions_are_no_gap()
    {
        HourlyUsage[] served = [Hour("credit", 0, 4_000, 4_616), Hour("credit", 1, 4_000, 4_616), Hour("churn", 1, 12, 12)];

        Assert.Empty(UsageComparison.Compare(served, [.. served.Reverse()]));
    }

    [Fact]
    public void An_hour_billing_is_short_of_is_re_sent_with_both_figures()
    {
        var gap = Assert.Single(UsageComparison.Compare(
            [Hour("credit", 0, 4_000, 4_616), Hour("credit", 1, 4_000, 4_616)],
            [Hour("credit", 0, 4_000, 4_616), Hour("credit", 1, 3_952, 4_568)]));

        Assert.Equal(GapAction.Resend, gap.Action);
        Assert.Equal(Hour("credit", 1, 4_000, 4_616), gap.Served);
        Assert.Equal(Hour("credit", 1, 3_952, 4_568), gap.Billed);
    }

    [Fact]
    public void An_hour_served_and_never_billed_is_re_sent()
    {
        var gap = Assert.Single(UsageComparison.Compare([Hour("churn", 2, 3, 30)], []));

        Assert.Equal(GapAction.Resend, gap.Action);
        Assert.Equal(HourlyUsage.None("churn", Ten.AddHours(2)), gap.Billed);
    }

    [Fact]
    public void More_billed_than_served_is_reported_and_so_is_usage_billed_for_an_hour_nothing_was_served()
    {
        var gaps = UsageComparison.Compare(
            [Hour("credit", 0, 10, 100)],
            [Hour("credit", 0, 11, 112), Hour("ghost", 0, 1, 5)]);

        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(GapAction.Report, g.Action));
        Assert.Equal((10L, 100L, 11L, 112L), (gaps[0].Served.UsageRecords, gaps[0].Served.Predictions, gaps[0].Billed.UsageRecords, gaps[0].Billed.Predictions));
        Assert.Equal(("ghost", 0L, 5L), (gaps[1].Served.DeploymentName, gaps[1].Served.Predictions, gaps[1].Billed.Predictions));
    }

    [Fact]
    public void A_lost_request_hidden_by_an_inflated_one_is_still_re_sent()
    {
        // Same predictions, one record fewer: something is missing, whatever else is there.
        var gap = Assert.Single(UsageComparison.Compare([Hour("credit", 0, 10, 100)], [Hour("credit", 0, 9, 100)]));

        Assert.Equal(GapAction.Resend, gap.Action);
    }
}
