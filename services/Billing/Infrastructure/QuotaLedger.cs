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
            var tracked = db.QuotaUsage.Local.Any(q => q.TenantId == tenantId && q.PeriodStart == start);
            var counted = await db.QuotaUsage.FromSql(
                $"""
                 INSERT INTO quota_usage ("TenantId", "PeriodStart", "Predictions") VALUES ({tenantId}, {start}, {added})
                 ON CONFLICT ("TenantId", "PeriodStart") DO UPDATE SET "Predictions" = quota_usage."Predictions" + EXCLUDED."Predictions"
                 RETURNING *
                 """).ToListAsync(ct);
            var usage = counted.SingleOrDefault();
            // A row this context tracks already keeps its old figures through a query: read them again.
            if (tracked && usage is not null) await db.Entry(usage).ReloadAsync(ct);
            if (usage is null) continue;
            if (usage.Evaluate(await db.PlanOfAsync(tenantId, ct), now, "usage was counted again") is { } changed)
                db.PublishOnCommit(changed);
        }
    }

    /// <summary>The count of a tenant's period, read for update (the caller's transaction holds the row).</summary>
    public static async Task<QuotaUsage?> LockQuotaUsageAsync(this BillingDbContext db, Guid tenantId, DateTimeOffset periodStart, CancellationToken ct)
    {
        var tracked = db.QuotaUsage.Local.Any(q => q.TenantId == tenantId && q.PeriodStart == periodStart);
        var usage = await db.QuotaUsage
            .FromSql($"""SELECT * FROM quota_usage WHERE "TenantId" = {tenantId} AND "PeriodStart" = {periodStart} FOR UPDATE""")
            .FirstOrDefaultAsync(ct);
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
