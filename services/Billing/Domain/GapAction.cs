namespace Platform.Billing.Domain;

/// <summary>What a reconciliation does about an hour where billing and serving differ.</summary>
public enum GapAction
{
    /// <summary>Billing has less than was served: the hour's usage is asked for again (applied once per usage id).</summary>
    Resend,

    /// <summary>Billing has more than was served: reported with both figures, never corrected by deleting.</summary>
    Report,
}
