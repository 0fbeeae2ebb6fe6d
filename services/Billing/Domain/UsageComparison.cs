namespace Platform.Billing.Domain;

/// <summary>
/// Served against billed usage, hour by hour and deployment by deployment: the hours that differ,
/// each with both figures and what to do. An hour billing lacks any usage or predictions of is
/// re-sent (whatever else it holds: the re-send adds only what is absent, and the recount after it
/// shows anything left over); an hour where billing holds more, in records or predictions, is reported.
/// </summary>
public static class UsageComparison
{
    public static IReadOnlyList<HourGap> Compare(IEnumerable<HourlyUsage> served, IEnumerable<HourlyUsage> billed)
    {
        var servedByKey = served.ToDictionary(h => (h.DeploymentName, h.HourStart));
        var billedByKey = billed.ToDictionary(h => (h.DeploymentName, h.HourStart));
        return [.. servedByKey.Keys.Union(billedByKey.Keys)
            .Select(key => new HourGap(
                servedByKey.GetValueOrDefault(key) ?? HourlyUsage.None(key.DeploymentName, key.HourStart),
                billedByKey.GetValueOrDefault(key) ?? HourlyUsage.None(key.DeploymentName, key.HourStart)))
            .Where(gap => gap.Action is not null)
            .OrderBy(gap => gap.Served.HourStart).ThenBy(gap => gap.Served.DeploymentName, StringComparer.Ordinal)];
    }
}
