using Platform.Contracts.Billing;

namespace Platform.Inference.Domain;

/// <summary>
/// Served usage summed per deployment and hour, written once for both the database and tests: EF
/// Core translates it to SQL, LINQ to objects runs it on a list. The hour is the whole number of hours
/// since the window's start (an hour boundary), so the database groups by plain arithmetic on instants.
/// </summary>
public static class ServedUsage
{
    public static IQueryable<ServedHourTotal> PerDeploymentHour(this IQueryable<UsageRecord> usage, Guid tenantId, ReconciliationWindow window)
    {
        var (from, until) = (window.From, window.Until);
        return usage.Where(u => u.TenantId == tenantId && u.ServedAt >= from && u.ServedAt < until)
            .GroupBy(u => new { u.DeploymentName, Hour = (long)Math.Floor((u.ServedAt - from).TotalSeconds / 3600) })
            .Select(g => new ServedHourTotal(g.Key.DeploymentName, g.Key.Hour, g.LongCount(), g.Sum(u => (long)u.Predictions)));
    }

    /// <summary>The hours as billing is asked to compare them, in a stable order.</summary>
    public static IReadOnlyList<ServedHour> ToServedHours(this IEnumerable<ServedHourTotal> totals, ReconciliationWindow window) =>
        [.. totals.Select(t => new ServedHour(t.DeploymentName, window.From.AddHours(t.Hour), t.UsageRecords, t.Predictions))
            .OrderBy(h => h.HourStart).ThenBy(h => h.DeploymentName, StringComparer.Ordinal)];
}

/// <summary>A deployment's usage records and predictions in the hour numbered <see cref="Hour"/> from a window's start.</summary>
public sealed record ServedHourTotal(string DeploymentName, long Hour, long UsageRecords, long Predictions);
