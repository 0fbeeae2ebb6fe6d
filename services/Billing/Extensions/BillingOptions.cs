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
}
