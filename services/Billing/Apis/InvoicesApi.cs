using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Api.Billing;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Billing.Apis;

public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoices/preview", PreviewInvoice)
            .WithName("PreviewInvoice")
            .WithSummary("The invoice so far for a calendar month in UTC (?period=yyyy-MM, default: this month), one line per deployment and model version")
            .WithTags("Invoices")
            .RequireScope(PlatformScopes.UsageRead);
        return app;
    }

    public static async Task<Results<Ok<InvoicePreviewResponse>, ProblemHttpResult>> PreviewInvoice(
        string? period, CallerTenant caller, BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenantId = caller.Id;
        var billingPeriod = BillingPeriod.Containing(clock.GetUtcNow());
        if (period is not null && !BillingPeriod.TryParse(period, out billingPeriod))
            return Problems.Invalid("period", $"must be a calendar month as {BillingPeriod.Format}, e.g. 2026-11");

        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null) return Problems.UnknownTenant(tenantId);
        var plan = Plans.Resolve(tenant.Plan, await db.Plans.AsNoTracking().ToListAsync(ct));
        var usage = await db.Usage.AsNoTracking()
            .InPeriod(tenantId, billingPeriod)
            .TotalsByDeploymentAndVersion()
            .ToListAsync(ct);
        return TypedResults.Ok(InvoicePreview.Build(tenantId, plan, billingPeriod, usage).ToResponse());
    }
}
