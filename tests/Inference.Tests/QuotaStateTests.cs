using Platform.Contracts.Billing;
using Platform.Inference.Domain;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

public sealed class QuotaStateTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Resets = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static QuotaState Exceeded(DateTimeOffset at) => QuotaState.From(
        new QuotaExceeded(Tenant, Guid.NewGuid(), "1,000 predictions reached the cap", "hardCapMonthlyPredictions", 1_000, 1_000, Now.AddDays(-1), Resets, at),
        Guid.CreateVersion7(at));

    private static QuotaState Restored(DateTimeOffset at) => QuotaState.From(
        new QuotaRestored(Tenant, Guid.NewGuid(), "the plan changed", "hardCapMonthlyPredictions", at), Guid.CreateVersion7(at));

    [Fact]
    public void An_exceeded_tenant_is_refused_until_its_quota_resets_even_without_the_restoring_event()
    {
        var quotas = new TenantQuotas();
        quotas.Apply(Exceeded(Now));

        var refusal = quotas.Refusal(Tenant, Now.AddSeconds(1));
        Assert.Equal(("hardCapMonthlyPredictions", 1_000L, Resets), (refusal!.Quota, refusal.Limit, refusal.ResetsAt));
        Assert.Null(quotas.Refusal(Tenant, Resets));
        Assert.Null(quotas.Refusal(Guid.NewGuid(), Now));
    }

    [Fact]
    public void A_restore_serves_the_tenant_again_and_an_overtaken_event_changes_nothing()
    {
        var quotas = new TenantQuotas();
        var exceeded = Exceeded(Now);
        var restored = Restored(Now.AddSeconds(5));

        quotas.Apply(restored);
        quotas.Apply(exceeded); // the older event, arriving late (another queue, a reload)

        Assert.Null(quotas.Refusal(Tenant, Now.AddSeconds(6)));
        quotas.Apply(Exceeded(Now.AddSeconds(10)));
        Assert.NotNull(quotas.Refusal(Tenant, Now.AddSeconds(11)));
    }

    [Fact]
    public void The_row_takes_only_later_events_and_gives_back_the_state_it_holds()
    {
        var row = TenantQuota.For(Tenant);
        var exceeded = Exceeded(Now);

        Assert.True(row.Apply(exceeded));
        Assert.False(row.Apply(exceeded));
        Assert.False(row.Apply(Exceeded(Now.AddSeconds(-5))));
        Assert.Equal(exceeded, row.ToState());
        Assert.True(row.Apply(Restored(Now.AddSeconds(1))));
        Assert.False(row.ToState().Refuses(Now.AddSeconds(2)));
    }
}
