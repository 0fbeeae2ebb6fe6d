using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Billing.Extensions;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Billing;
using Platform.Contracts.Billing;
using Platform.ServiceDefaults.Access;

namespace Platform.Billing.Apis;

public static class ReconciliationApi
{
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/usage/reconciliation", GetReconciliation)
            .WithName("GetUsageReconciliation")
            .WithSummary("How billed usage compares with served usage: the latest reconciliation (when, whether it matched, per-hour gaps) and the recent ones")
            .WithTags("Usage")
            .RequireScope(PlatformScopes.UsageRead);
        // A write scope: it costs both services a pass over two days of usage, so not every reader may ask.
        app.MapPost("/api/usage/reconciliation", RequestReconciliation)
            .WithName("RequestUsageReconciliation")
            .WithSummary("Reconcile the organization's billed usage with served usage now (admins); the result appears under the returned id")
            .WithTags("Usage")
            .RequireScope(PlatformScopes.OrganizationAdmin);
        return app;
    }

    public static async Task<Ok<UsageReconciliationResponse>> GetReconciliation(
        CallerTenant caller, BillingDbContext db, IOptions<BillingOptions> options, CancellationToken ct)
    {
        var recent = await db.Reconciliations.AsNoTracking().Include(r => r.Gaps)
            .Where(r => r.TenantId == caller.Id)
            .OrderByDescending(r => r.ReconciledAt).ThenByDescending(r => r.Id)
            .Take(options.Value.RecentReconciliations)
            .ToListAsync(ct);
        var runs = recent.Select(r => r.ToResponse()).ToArray();
        return TypedResults.Ok(new UsageReconciliationResponse(caller.Id, runs.FirstOrDefault(), runs));
    }

    public static async Task<Accepted<UsageReconciliationRequestedResponse>> RequestReconciliation(
        CallerTenant caller, BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var requestedAt = clock.GetUtcNow();
        var reconciliationId = Guid.CreateVersion7(requestedAt);
        db.PublishOnCommit(new UsageReconciliationRequested(caller.Id, reconciliationId, requestedAt));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted("/api/usage/reconciliation", new UsageReconciliationRequestedResponse(reconciliationId, requestedAt));
    }
}
