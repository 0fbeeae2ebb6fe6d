namespace Platform.Billing.Domain;

/// <summary>
/// Ledger queries written once for both the database and tests: EF Core translates them to SQL,
/// LINQ to objects runs them on a list.
/// </summary>
public static class UsageQueries
{
    /// <summary>
    /// A tenant's usage in a period, bucketed by the start of its window: a window that straddles
    /// the end of a month is billed once, in the month it started.
    /// </summary>
    public static IQueryable<UsageRecord> InPeriod(this IQueryable<UsageRecord> usage, Guid tenantId, BillingPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        return usage.Where(u => u.TenantId == tenantId && u.WindowStart >= start && u.WindowStart < end);
    }

    public static IQueryable<UsageTotal> TotalsByDeploymentAndVersion(this IQueryable<UsageRecord> usage) =>
        usage.GroupBy(u => new { u.DeploymentName, u.ModelVersionId })
            .Select(g => new UsageTotal(g.Key.DeploymentName, g.Key.ModelVersionId, g.Sum(u => u.Predictions)));

    /// <summary>
    /// A tenant's predictions per bucket of a series, by the start of each usage window as on the
    /// invoice. The bucket is the whole number of widths since the series' start, so the database
    /// groups by plain arithmetic on instants: no session time zone can move a day's boundary.
    /// </summary>
    public static IQueryable<BucketTotal> PerBucket(this IQueryable<UsageRecord> usage, Guid tenantId, UsageSeries series)
    {
        var (from, to, seconds) = (series.From, series.To, series.Bucket.Width.TotalSeconds);
        return usage.Where(u => u.TenantId == tenantId && u.WindowStart >= from && u.WindowStart < to)
            .GroupBy(u => (long)Math.Floor((u.WindowStart - from).TotalSeconds / seconds))
            .Select(g => new BucketTotal(g.Key, g.Sum(u => u.Predictions)));
    }
}
