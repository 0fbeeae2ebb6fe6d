using Platform.Billing.Domain;
using Platform.Contracts.Billing;

namespace Platform.Billing.Tests;

public sealed class QuotaUsageTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly BillingPeriod December = BillingPeriod.Containing(Now);

    private static QuotaUsage Used(long predictions, BillingPeriod? period = null)
    {
        var usage = QuotaUsage.Start(Tenant, period ?? December);
        usage.Predictions = predictions;
        return usage;
    }

    [Fact]
    public void Reaching_the_hard_cap_publishes_one_exceeded_event_naming_the_quota_its_limit_and_the_reset()
    {
        var usage = Used(Plans.Trial.HardCapMonthlyPredictions);

        var exceeded = Assert.IsType<QuotaExceeded>(usage.Evaluate(Plans.Trial, Now, "unused"));

        Assert.Equal((Tenant, QuotaUsage.QuotaName, 1_000L, 1_000L), (exceeded.TenantId, exceeded.Quota, exceeded.Limit, exceeded.Used));
        Assert.Equal((December.Start, December.End, Now), (exceeded.PeriodStart, exceeded.ResetsAt, exceeded.ExceededAt));
        Assert.Contains("hard cap of 1,000", exceeded.Reason);
        Assert.Equal(Now, usage.ExceededAt);
        usage.Predictions += 50;
        Assert.Null(usage.Evaluate(Plans.Trial, Now.AddMinutes(1), "unused"));
    }

    [Fact]
    public void Below_the_cap_nothing_is_published() =>
        Assert.Null(Used(Plans.Trial.HardCapMonthlyPredictions - 1).Evaluate(Plans.Trial, Now, "unused"));

    [Fact]
    public void A_plan_whose_cap_is_above_the_use_restores_a_capped_tenant_with_the_reason_given()
    {
        var usage = Used(1_200);
        Assert.IsType<QuotaExceeded>(usage.Evaluate(Plans.Trial, Now, "unused"));

        var restored = Assert.IsType<QuotaRestored>(usage.Evaluate(Plans.Starter, Now.AddMinutes(5), "the plan changed to 'starter'"));

        Assert.Equal((Tenant, "the plan changed to 'starter'", QuotaUsage.QuotaName), (restored.TenantId, restored.Reason, restored.Quota));
        Assert.Null(usage.ExceededAt);
    }

    [Fact]
    public void A_smaller_plan_caps_a_tenant_already_over_it_at_once()
    {
        var usage = Used(20_000);
        Assert.Null(usage.Evaluate(Plans.Starter, Now, "unused"));
        Assert.Equal(1_000, Assert.IsType<QuotaExceeded>(usage.Evaluate(Plans.Trial, Now, "unused")).Limit);
    }

    [Fact]
    public void A_period_that_is_over_is_restored_as_a_new_period_and_never_capped_again()
    {
        var november = BillingPeriod.Month(2026, 11);
        var usage = Used(5_000, november);
        Assert.IsType<QuotaExceeded>(usage.Evaluate(Plans.Trial, november.Start.AddDays(3), "unused"));

        var restored = Assert.IsType<QuotaRestored>(usage.Evaluate(Plans.Trial, Now, "the plan changed"));

        Assert.Equal("a new billing period began", restored.Reason);
        Assert.Null(usage.Evaluate(Plans.Trial, Now, "unused"));
    }

    [Fact]
    public void Every_plan_caps_at_or_above_what_it_includes() =>
        Assert.All(Plans.Seeded, p => Assert.True(p.HardCapMonthlyPredictions >= p.IncludedMonthlyPredictions, p.Name));
}
