namespace Platform.Billing.Domain;

/// <summary>An hour's figures on both sides; <see cref="Action"/> is null where they agree.</summary>
public sealed record HourGap(HourlyUsage Served, HourlyUsage Billed)
{
    public GapAction? Action =>
        Billed.UsageRecords < Served.UsageRecords || Billed.Predictions < Served.Predictions ? GapAction.Resend
        : Billed.UsageRecords > Served.UsageRecords || Billed.Predictions > Served.Predictions ? GapAction.Report
        : null;
}
