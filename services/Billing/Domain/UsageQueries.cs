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

    /// <summary>
    /// A tenant's usage in [<paramref name="from"/>, <paramref name="until"/>) per deployment and UTC
    /// hour of its window's start, as Inference counts what it served (<paramref name="from"/> is an
    /// hour boundary; the hour is numbered from it). Records and predictions both: a lost request and
    /// a changed one look different.
    /// </summary>
    public static IQueryable<HourTotal> PerDeploymentHour(this IQueryable<UsageRecord> usage, Guid tenantId, DateTimeOffset from, DateTimeOffset until) =>
        usage.Where(u => u.TenantId == tenantId && u.WindowStart >= from && u.WindowStart < until)
            .GroupBy(u => new { u.DeploymentName, Hour = (long)Math.Floor((u.WindowStart - from).TotalSeconds / 3600) })
            .Select(g => new HourTotal(g.Key.DeploymentName, g.Key.Hour, g.LongCount(), g.Sum(u => u.Predictions)));

    public static IReadOnlyList<HourlyUsage> ToHourlyUsage(this IEnumerable<HourTotal> totals, DateTimeOffset from) =>
        [.. totals.Select(t => new HourlyUsage(t.DeploymentName, from.AddHours(t.Hour), t.UsageRecords, t.Predictions))];
}

/// <summary>A deployment's usage records and predictions in the hour numbered <see cref="Hour"/> from a range's start.</summary>
public sealed record HourTotal(string DeploymentName, long Hour, long UsageRecords, long Predictions);
