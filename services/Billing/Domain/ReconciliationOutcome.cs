namespace Platform.Billing.Domain;

/// <summary>Where a reconciliation stands (see <c>UsageReconciliationRunResponse</c> for what each means to a customer).</summary>
public enum ReconciliationOutcome
{
    Matched,
    Resending,
    Resent,
    Mismatch,
}
