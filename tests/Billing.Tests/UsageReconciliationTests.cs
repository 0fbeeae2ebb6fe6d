using Platform.Billing.Domain;
using Platform.Contracts.Billing;
using Platform.Contracts.Inference;

namespace Platform.Billing.Tests;

public sealed class UsageReconciliationTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Ten = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Ten.AddHours(2).AddMinutes(42);

    private static ReconcileUsage Served(params ServedHour[] hours)
    {
        var id = Guid.NewGuid();
        return new ReconcileUsage(Tenant, id, id, Ten, Now.AddMinutes(-2), hours);
    }

    private static HourlyUsage Billed(string deployment, int hour, long records, long predictions) => new(deployment, Ten.AddHours(hour), records, predictions);

    [Fact]
    public void Billing_that_agrees_with_serving_is_recorded_as_matched_with_both_totals()
    {
        var run = UsageReconciliation.Compare(
            Served(new ServedHour("credit", Ten, 4_000, 4_616), new ServedHour("credit", Ten.AddHours(1), 4_000, 4_616)),
            [Billed("credit", 0, 4_000, 4_616), Billed("credit", 1, 4_000, 4_616)], Now);

        Assert.Equal(ReconciliationOutcome.Matched, run.Outcome);
        Assert.True(run.Matched);
        Assert.Equal((9_232L, 9_232L, 0L), (run.ServedPredictions, run.BilledPredictions, run.ResentPredictions));
        Assert.Empty(run.Gaps);
        Assert.Empty(run.GapsToResend());
    }

    [Fact]
    public void A_missing_batch_is_re_sent_and_the_reconciliation_ends_resent_with_exactly_what_it_added()
    {
        var run = UsageReconciliation.Compare(
            Served(new ServedHour("credit", Ten, 4_000, 4_616), new ServedHour("credit", Ten.AddHours(1), 4_000, 4_616)),
            [Billed("credit", 0, 4_000, 4_616), Billed("credit", 1, 3_952, 4_568)], Now);

        Assert.Equal(ReconciliationOutcome.Resending, run.Outcome);
        Assert.False(run.Matched);
        Assert.Equal((9_232L, 9_184L), (run.ServedPredictions, run.BilledPredictions));
        var gap = Assert.Single(run.GapsToResend());
        Assert.Equal(("credit", Ten.AddHours(1)), (gap.DeploymentName, gap.HourStart));

        // The hour comes back in 8 parts of up to 500 records; 48 of its records (48 predictions) were absent.
        for (var part = 1; part < 8; part++) run.ApplyResentPart(gap, 8, part == 3 ? 40 : 0, part == 3 ? 40 : 0, billedAfter: null);
        Assert.Equal(ReconciliationOutcome.Resending, run.Outcome);
        run.ApplyResentPart(gap, 8, 8, 8, Billed("credit", 1, 4_000, 4_616));

        Assert.Equal(ReconciliationOutcome.Resent, run.Outcome);
        Assert.True(run.Matched);
        Assert.Equal(48, run.ResentPredictions);
        Assert.Equal((48L, 48L, 4_616L), (gap.ResentRecords, gap.ResentPredictions, gap.BilledPredictionsAfter));
        Assert.Equal(8, run.PartsReceived);
    }

    [Fact]
    public void Usage_that_only_arrived_late_adds_nothing_when_re_sent_and_the_reconciliation_matches()
    {
        var run = UsageReconciliation.Compare(Served(new ServedHour("credit", Ten, 10, 10)), [Billed("credit", 0, 9, 9)], Now);

        run.ApplyResentPart(run.Gaps[0], 1, 0, 0, Billed("credit", 0, 10, 10));

        Assert.Equal(ReconciliationOutcome.Matched, run.Outcome);
        Assert.Equal(0, run.ResentPredictions);
        Assert.Single(run.Gaps); // the gap seen at the comparison stays on record
    }

    [Fact]
    public void An_hour_still_apart_after_its_re_send_is_a_mismatch_with_both_figures()
    {
        var run = UsageReconciliation.Compare(Served(new ServedHour("credit", Ten, 10, 100)), [Billed("credit", 0, 9, 100)], Now);

        run.ApplyResentPart(run.Gaps[0], 1, 1, 10, Billed("credit", 0, 10, 110));

        Assert.Equal(ReconciliationOutcome.Mismatch, run.Outcome);
        Assert.False(run.Matched);
        Assert.Equal((100L, 110L), (run.Gaps[0].ServedPredictions, run.Gaps[0].BilledPredictionsAfter));
    }

    [Fact]
    public void Extra_billed_usage_is_reported_as_a_mismatch_and_nothing_is_asked_for_again()
    {
        var run = UsageReconciliation.Compare(
            Served(new ServedHour("credit", Ten, 10, 100)),
            [Billed("credit", 0, 10, 100), Billed("credit", 1, 2, 12)], Now);

        Assert.Equal(ReconciliationOutcome.Mismatch, run.Outcome);
        Assert.Equal((100L, 112L), (run.ServedPredictions, run.BilledPredictions));
        var gap = Assert.Single(run.Gaps);
        Assert.Equal((GapAction.Report, 0L, 12L), (gap.Action, gap.ServedPredictions, gap.BilledPredictions));
        Assert.Empty(run.GapsToResend());
        Assert.Null(run.GapAt("credit", Ten.AddHours(1))); // a re-send never lands on a reported hour
    }

    [Fact]
    public void Re_sent_usage_is_applied_only_where_billing_lacks_it_and_only_for_the_reconciled_tenant()
    {
        PredictionsServed Usage(Guid tenant) => new(tenant, Guid.NewGuid(), Guid.NewGuid(), "credit", Guid.NewGuid(), 2, Ten, Ten);
        var (applied, missing, foreign) = (Usage(Tenant), Usage(Tenant), Usage(Guid.NewGuid()));
        var resent = new UsageResent(Tenant, Guid.NewGuid(), Guid.NewGuid(), "credit", Ten, 1, 1, [applied, missing, missing, foreign]);

        Assert.Equal([missing], ResentUsage.Absent(resent, [applied.UsageId]));
    }
}
