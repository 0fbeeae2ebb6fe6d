using Platform.Contracts.Inference;

namespace Platform.Billing.Domain;

/// <summary>Which re-sent usage billing lacks: the tenant's own, each usage id once, none it already applied.</summary>
public static class ResentUsage
{
    public static IReadOnlyList<PredictionsServed> Absent(UsageResent resent, IEnumerable<Guid> applied)
    {
        var known = applied.ToHashSet();
        return [.. resent.Usage.Where(u => u.TenantId == resent.TenantId).DistinctBy(u => u.UsageId).Where(u => !known.Contains(u.UsageId))];
    }
}
