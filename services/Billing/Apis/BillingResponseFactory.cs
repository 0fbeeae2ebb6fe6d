using Platform.Billing.Domain;
using Platform.Contracts.Api.Billing;

namespace Platform.Billing.Apis;

/// <summary>
/// Billing's records as its API answers them (the shared types in <c>Platform.Contracts.Api.Billing</c>).
/// Here, not beside the types: contracts knows nothing of billing's domain, where the pricing rules live.
/// </summary>
public static class BillingResponseFactory
{
    public static PlanResponse ToResponse(this Plan plan) =>
        new(plan.Name, plan.PricePer1000, plan.Currency, plan.IncludedMonthlyPredictions, plan.HardCapMonthlyPredictions);

    public static QuotaResponse ToResponse(this QuotaUsage usage, Plan plan, BillingPeriod period) => new(
        plan.Name, plan.IncludedMonthlyPredictions, plan.HardCapMonthlyPredictions, usage.Predictions, period.Start, period.End,
        usage.ExceededAt is not null, usage.ExceededAt);

    public static InvoicePreviewResponse ToResponse(this InvoicePreview invoice) => new(
        invoice.TenantId, invoice.Plan, invoice.Currency, invoice.PeriodStart, invoice.PeriodEnd,
        [.. invoice.Lines.Select(l => l.ToResponse())], invoice.Predictions, invoice.Total);

    public static InvoiceLineResponse ToResponse(this InvoiceLine line) =>
        new(line.DeploymentName, line.ModelVersionId, line.Predictions, line.UnitPricePer1000, line.Amount);

    public static UsagePointResponse ToResponse(this UsagePoint point) => new(point.Start, point.Predictions);

    public static UsageReconciliationRunResponse ToResponse(this UsageReconciliation run) => new(
        run.Id, run.ReconciledAt, run.From, run.Until, run.Outcome.ToString(), run.Matched,
        run.ServedPredictions, run.BilledPredictions, run.ResentPredictions,
        [.. run.Gaps.OrderBy(g => g.HourStart).ThenBy(g => g.DeploymentName, StringComparer.Ordinal).Select(g => g.ToResponse())]);

    public static UsageGapResponse ToResponse(this UsageGap gap) => new(
        gap.DeploymentName, gap.HourStart, gap.ServedRecords, gap.ServedPredictions, gap.BilledRecords, gap.BilledPredictions,
        gap.Action.ToString(), gap.ResentRecords, gap.ResentPredictions, gap.BilledPredictionsAfter);
}
