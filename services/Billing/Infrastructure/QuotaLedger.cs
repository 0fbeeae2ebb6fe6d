using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;

namespace Platform.Billing.Infrastructure;

/// <summary>
/// Keeps each tenant's count of the period in step with the ledger and publishes the quota events
/// it crosses, in the caller's transaction (an inbox consumer's, or the plan change's).
/// </summary>
public static class QuotaLedger
{
    /// <summary>
    /// Adds usage just applied to the ledger to its periods' counts. The upsert locks the count's row
    /// until the transaction ends, so concurrent usage of one tenant is counted in turn and only the
    /// message that reaches the cap publishes <c>QuotaExceeded</c>.
    /// </summary>
    public static async Task CountAsync(this BillingDbContext db, IReadOnlyCollection<UsageRecord> applied, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var period in applied.GroupBy(u => (u.TenantId, BillingPeriod.Containing(u.WindowStart).Start)))
        {
            var (tenantId, start) = period.Key;
            var added = period.Sum(u => u.Predictions);
            // The upsert locks the row until the transaction ends and returns it: no second read for update.
            var usage = await db.CurrentQuotaUsageAsync(
                $"""
                 INSERT INTO quota_usage ("TenantId", "PeriodStart", "Predictions") VALUES ({tenantId}, {start}, {added})
                 ON CONFLICT ("TenantId", "PeriodStart") DO UPDATE SET "Predictions" = quota_usage."Predictions" + EXCLUDED."Predictions"
                 RETURNING *
                 """, tenantId, start, ct);
            if (usage is null) continue;
            if (usage.Evaluate(await db.PlanOfAsync(tenantId, ct), now, "usage was counted again") is { } changed)
                db.PublishOnCommit(changed);
        }
    }

    /// <summary>The count of a tenant's period, read for update (the caller's transaction holds the row).</summary>
    public static Task<QuotaUsage?> LockQuotaUsageAsync(this BillingDbContext db, Guid tenantId, DateTimeOffset periodStart, CancellationToken ct) =>
        db.CurrentQuotaUsageAsync(
            $"""SELECT * FROM quota_usage WHERE "TenantId" = {tenantId} AND "PeriodStart" = {periodStart} FOR UPDATE""", tenantId, periodStart, ct);

    /// <summary>
    /// The period's row as <paramref name="sql"/> returns it (run as written, not composed: an upsert
    /// returning its row cannot be a subquery), with its current figures even if this context tracked it before.
    /// </summary>
    private static async Task<QuotaUsage?> CurrentQuotaUsageAsync(
        this BillingDbContext db, FormattableString sql, Guid tenantId, DateTimeOffset periodStart, CancellationToken ct)
    {
        var tracked = db.QuotaUsage.Local.Any(q => q.TenantId == tenantId && q.PeriodStart == periodStart);
        var usage = (await db.QuotaUsage.FromSql(sql).ToListAsync(ct)).SingleOrDefault();
        // A row this context tracks already keeps its old figures through a query: read them again.
        if (tracked && usage is not null) await db.Entry(usage).ReloadAsync(ct);
        return usage;
    }

    /// <summary>The tenant's plan; a tenant whose registration has not arrived yet is on the default plan.</summary>
    public static async Task<Plan> PlanOfAsync(this BillingDbContext db, Guid tenantId, CancellationToken ct)
    {
        // One round trip: every plan (a handful), each with the tenant's plan name beside it.
        var plans = await db.Plans.AsNoTracking()
            .Select(p => new { Plan = p, TenantPlan = db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Plan).FirstOrDefault() })
            .ToListAsync(ct);
        return Plans.Resolve(plans.FirstOrDefault()?.TenantPlan, plans.Select(p => p.Plan));
    }
}
