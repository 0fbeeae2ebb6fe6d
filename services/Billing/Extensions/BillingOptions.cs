namespace Platform.Billing.Extensions;

public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>
    /// Reconciliation results are kept this long per organization, then deleted. A week of results
    /// every ten minutes is about a thousand rows per organization: enough to look back on an incident.
    /// </summary>
    public TimeSpan ReconciliationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Reconciliations the API lists, newest first.</summary>
    public int RecentReconciliations { get; set; } = 10;

    /// <summary>
    /// How often quotas exceeded in a month that is over are restored. Inference stops refusing at the
    /// month's end by itself; this makes the state and the portal say so too.
    /// </summary>
    public TimeSpan QuotaCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How usage messages are applied together (<see cref="UsageGroupOptions"/>).</summary>
    public UsageGroupOptions UsageGroup { get; set; } = new();
}
