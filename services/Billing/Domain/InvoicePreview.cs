namespace Platform.Billing.Domain;

/// <summary>
/// What the tenant owes for a period so far: one line per deployment and model version, so a bill
/// can be traced to the model that earned it.
/// </summary>
public sealed record InvoicePreview(
    Guid TenantId,
    string Plan,
    string Currency,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    IReadOnlyList<InvoiceLine> Lines,
    long Predictions,
    decimal Total)
{
    public static InvoicePreview Build(Guid tenantId, Plan plan, BillingPeriod period, IEnumerable<UsageTotal> usage)
    {
        var lines = usage
            .GroupBy(u => (u.DeploymentName, u.ModelVersionId))
            .Select(g => InvoiceLine.Price(g.Key.DeploymentName, g.Key.ModelVersionId, g.Sum(u => u.Predictions), plan))
            .OrderBy(l => l.DeploymentName, StringComparer.Ordinal)
            .ThenBy(l => l.ModelVersionId)
            .ToArray();
        return new InvoicePreview(
            tenantId, plan.Name, plan.Currency, period.Start, period.End, lines,
            lines.Sum(l => l.Predictions), Pricing.Total(lines.Select(l => l.Amount)));
    }
}
