using Platform.Contracts.Api.Billing;
using Platform.Portal.Components.Shared;

namespace Platform.Portal.Tests;

public sealed class ReconciliationSummaryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 42, 0, TimeSpan.Zero);
    private static readonly string Time = At.ToLocalTime().ToString("HH:mm");

    private static UsageReconciliationRunResponse Run(string outcome, long served, long billed, long resent, params UsageGapResponse[] gaps) =>
        new(Guid.NewGuid(), At, At.AddHours(-48).AddMinutes(-42), At.AddMinutes(-2), outcome, outcome is "Matched" or "Resent", served, billed, resent, gaps);

    private static UsageGapResponse Gap(string action, long served, long billed, long resent = 0, long? after = null) =>
        new("credit", At.AddMinutes(-42), served, served, billed, billed, action, resent, resent, after);

    [Fact]
    public void Before_the_first_reconciliation_the_page_says_so()
    {
        Assert.Equal("Usage has not been reconciled with serving yet.", ReconciliationSummary.Describe(null, At));
    }

    [Fact]
    public void A_matched_reconciliation_says_every_served_prediction_is_billed()
    {
        Assert.Equal($"Usage reconciled with serving at {Time}: all 9,232 predictions billed.",
            ReconciliationSummary.Describe(Run("Matched", 9_232, 9_232, 0), At.AddMinutes(5)));
    }

    [Fact]
    public void A_re_send_says_how_many_predictions_it_brought_back()
    {
        var run = Run("Resent", 9_232, 9_184, 48, Gap("Resend", 4_616, 4_568, 48, 4_616));

        Assert.Equal($"Usage reconciled with serving at {Time}: 48 predictions missing from billing were re-sent; all 9,232 predictions billed.",
            ReconciliationSummary.Describe(run, At));
        Assert.Equal("re-sent: 48 predictions added", ReconciliationSummary.Action(run.Gaps[0]));
    }

    [Fact]
    public void A_re_send_under_way_says_what_is_missing()
    {
        Assert.Equal($"Usage reconciled with serving at {Time}: 48 predictions missing from billing, being re-sent.",
            ReconciliationSummary.Describe(Run("Resending", 9_232, 9_184, 0, Gap("Resend", 4_616, 4_568)), At));
    }

    [Fact]
    public void A_mismatch_gives_both_figures_and_each_hour_is_reported()
    {
        var run = Run("Mismatch", 9_232, 9_244, 0, Gap("Report", 4_616, 4_628));

        Assert.Equal($"Usage reconciled with serving at {Time}: 9,232 predictions served, 9,244 billed; the hours apart are below, reported for a look.",
            ReconciliationSummary.Describe(run, At));
        Assert.Equal("more billed than served: reported", ReconciliationSummary.Action(run.Gaps[0]));
    }

    [Fact]
    public void A_reconciliation_of_another_day_gives_its_date()
    {
        var described = ReconciliationSummary.Describe(Run("Matched", 1, 1, 0), At.AddDays(2));

        Assert.StartsWith($"Usage reconciled with serving on {At.ToLocalTime():MMM d} at {Time}: all 1 prediction billed.", described);
    }
}
