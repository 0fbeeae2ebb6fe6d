using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Infrastructure;

namespace Platform.Billing.Apis;

public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        // A price list is public: no tenant header, nothing a tenant owns.
        app.MapGet("/api/plans", ListPlans)
            .WithName("ListPlans")
            .WithSummary("The plans on offer, most expensive first")
            .WithTags("Plans");
        return app;
    }

    public static async Task<Ok<PlanResponse[]>> ListPlans(BillingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.PricePer1000)
            .ThenBy(p => p.Name)
            .Select(p => new PlanResponse(p.Name, p.PricePer1000, p.Currency, p.IncludedMonthlyPredictions))
            .ToArrayAsync(ct));
}

public sealed record PlanResponse(string Name, decimal PricePer1000, string Currency, long IncludedMonthlyPredictions);
