using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Billing.Apis;

public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId:guid}/invoices/preview", PreviewInvoice)
            .WithName("PreviewTenantInvoice")
            .WithSummary("The invoice so far for a calendar month in UTC (?period=yyyy-MM, default: this month), one line per deployment and model version")
            .WithTags("Invoices");
        return app;
    }

    public static async Task<Results<Ok<InvoicePreview>, ProblemHttpResult>> PreviewInvoice(
        Guid tenantId, string? period, [FromHeader(Name = TenantHeader.Name)] Guid? callerTenantId,
        BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TenantAccess.Allows(callerTenantId, tenantId)) return TenantAccess.Forbidden(tenantId);
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
        return TypedResults.Ok(InvoicePreview.Build(tenantId, plan, billingPeriod, usage));
    }
}
