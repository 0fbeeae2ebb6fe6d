namespace Platform.Contracts.Api.Billing;

/// <summary>
/// What the organization owes for a calendar month so far: one line per deployment and model
/// version, so a bill can be traced to the model that earned it. The total is the sum of the lines.
/// </summary>
public sealed record InvoicePreviewResponse(
    Guid TenantId, string Plan, string Currency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    IReadOnlyList<InvoiceLineResponse> Lines, long Predictions, decimal Total);

/// <summary>One deployment and model version's predictions, priced and rounded to cents.</summary>
public sealed record InvoiceLineResponse(string DeploymentName, Guid ModelVersionId, long Predictions, decimal UnitPricePer1000, decimal Amount);
