using Platform.Contracts.Billing;

namespace Platform.Billing.Domain;

/// <summary>
/// A tenant's predictions in one billing period, counted as usage is applied (the same usage ids
/// the ledger holds, so each counts once), and whether its plan's hard cap has been reached. The
/// quota events are published on the transitions only: crossing the cap, and leaving it behind
/// (a bigger plan, or the period over).
/// </summary>
public sealed class QuotaUsage
{
    public const string QuotaName = "hardCapMonthlyPredictions";

    public Guid TenantId { get; init; }
    public DateTimeOffset PeriodStart { get; init; }
    public long Predictions { get; set; }
    /// <summary>When the cap was reached; null while the tenant is served.</summary>
    public DateTimeOffset? ExceededAt { get; private set; }
    /// <summary>The cap in force when it was reached.</summary>
    public long? ExceededLimit { get; private set; }

    public BillingPeriod Period => BillingPeriod.Containing(PeriodStart);

    /// <summary>
    /// The event this period's count calls for under <paramref name="plan"/> at <paramref name="now"/>,
    /// with the state changed accordingly; null when nothing changes. A past period is never
    /// exceeded (its month is over), a current one is when its predictions reach the cap.
    /// </summary>
    public object? Evaluate(Plan plan, DateTimeOffset now, string restoredReason)
    {
        var current = BillingPeriod.Containing(now).Start == PeriodStart;
        var over = current && Predictions >= plan.HardCapMonthlyPredictions;
        if (over && ExceededAt is null)
        {
            ExceededAt = now;
            ExceededLimit = plan.HardCapMonthlyPredictions;
            var period = Period;
            return new QuotaExceeded(
                TenantId, Guid.CreateVersion7(now),
                $"{Predictions:N0} predictions this month reached the '{plan.Name}' plan's hard cap of {plan.HardCapMonthlyPredictions:N0}; predictions are refused until {period.End:yyyy-MM-dd} UTC or a plan with a higher cap",
                QuotaName, plan.HardCapMonthlyPredictions, Predictions, period.Start, period.End, now);
        }
        if (!over && ExceededAt is not null)
        {
            ExceededAt = null;
            ExceededLimit = null;
            return new QuotaRestored(TenantId, Guid.CreateVersion7(now), current ? restoredReason : "a new billing period began", QuotaName, now);
        }
        return null;
    }

    public static QuotaUsage Start(Guid tenantId, BillingPeriod period) => new() { TenantId = tenantId, PeriodStart = period.Start };
}
