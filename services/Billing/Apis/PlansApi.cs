using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Billing;
using Platform.Contracts.Tenants;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Billing.Apis;

public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        // The price list holds nothing a tenant owns: any authenticated caller reads it.
        app.MapGet("/api/plans", ListPlans)
            .WithName("ListPlans")
            .WithSummary("The plans on offer, most expensive first")
            .WithTags("Plans");
        app.MapGet("/api/plan", GetPlan)
            .WithName("GetPlan")
            .WithSummary("The organization's plan")
            .WithTags("Plans")
            .RequireScope(PlatformScopes.UsageRead);
        app.MapPut("/api/plan", ChangePlan)
            .WithName("ChangePlan")
            .WithSummary("Choose another plan (the organization's admins only); prices apply from now on, and its hard cap at once: a cap above this month's use serves a refused organization again")
            .WithTags("Plans")
            .RequireScope(PlatformScopes.OrganizationAdmin);
        app.MapGet("/api/quota", GetQuota)
            .WithName("GetQuota")
            .WithSummary("The organization's quota this month: its plan's included predictions and hard cap, the predictions billed so far, and whether predictions are refused")
            .WithTags("Plans")
            .RequireScope(PlatformScopes.UsageRead);
        return app;
    }

    public static async Task<Ok<PlanResponse[]>> ListPlans(BillingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.PricePer1000)
            .ThenBy(p => p.Name)
            .Select(p => new PlanResponse(p.Name, p.PricePer1000, p.Currency, p.IncludedMonthlyPredictions, p.HardCapMonthlyPredictions))
            .ToArrayAsync(ct));

    public static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetPlan(CallerTenant caller, BillingDbContext db, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == caller.Id, ct);
        if (tenant is null) return Problems.UnknownTenant(caller.Id);
        var plan = Plans.Resolve(tenant.Plan, await db.Plans.AsNoTracking().ToListAsync(ct));
        return TypedResults.Ok(plan.ToResponse());
    }

    public static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> ChangePlan(
        ChangePlanRequest request, CallerTenant caller, BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().ToListAsync(ct);
        var plan = plans.FirstOrDefault(p => string.Equals(p.Name, request.Plan?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (plan is null) return Problems.Invalid("plan", $"must be one of {string.Join(", ", plans.Select(p => p.Name))}");
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == caller.Id, ct);
        if (tenant is null) return Problems.UnknownTenant(caller.Id);
        if (tenant.Plan != plan.Name)
        {
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            tenant.Plan = plan.Name;
            db.PublishOnCommit(new TenantPlanChanged(tenant.Id, Guid.CreateVersion7(), plan.Name, now));
            // The new cap applies to this month's use at once, either way.
            var usage = await db.LockQuotaUsageAsync(tenant.Id, BillingPeriod.Containing(now).Start, ct);
            if (usage?.Evaluate(plan, now, $"the plan changed to '{plan.Name}', whose hard cap is {plan.HardCapMonthlyPredictions:N0}") is { } changed)
                db.PublishOnCommit(changed);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.SignalOutbox();
        }
        return TypedResults.Ok(plan.ToResponse());
    }

    public static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> GetQuota(CallerTenant caller, BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == caller.Id, ct);
        if (tenant is null) return Problems.UnknownTenant(caller.Id);
        var plan = Plans.Resolve(tenant.Plan, await db.Plans.AsNoTracking().ToListAsync(ct));
        var period = BillingPeriod.Containing(clock.GetUtcNow());
        var usage = await db.QuotaUsage.AsNoTracking().FirstOrDefaultAsync(q => q.TenantId == caller.Id && q.PeriodStart == period.Start, ct)
            ?? QuotaUsage.Start(caller.Id, period);
        return TypedResults.Ok(usage.ToResponse(plan, period));
    }
}
