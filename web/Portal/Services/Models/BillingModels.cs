namespace Platform.Portal.Services.Models;

// Billing's API responses as the portal reads them.

public sealed record PlanInfo(string Name, decimal PricePer1000, string Currency, long IncludedMonthlyPredictions);

public sealed record InvoiceLine(string DeploymentName, Guid ModelVersionId, long Predictions, decimal UnitPricePer1000, decimal Amount);

public sealed record InvoicePreview(
    Guid TenantId, string Plan, string Currency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    IReadOnlyList<InvoiceLine> Lines, long Predictions, decimal Total);

public sealed record UsagePoint(DateTimeOffset Start, long Predictions);

public sealed record UsageSeries(string Bucket, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsagePoint> Points);
