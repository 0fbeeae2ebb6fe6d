using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tenants;
using Platform.Portal.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Portal.Apis;

public static class TenantRegistrationApi
{
    public static IEndpointRouteBuilder MapTenantRegistrationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants", RegisterTenant)
            .WithName("RegisterTenant")
            .WithSummary("Register a tenant; every service learns of it through TenantRegistered")
            .WithTags("Tenants")
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Created<KnownTenant>, ProblemHttpResult>> RegisterTenant(
        RegisterTenantRequest request, PortalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) return Problems.Invalid("name", "must be 1-200 characters");
        var plan = string.IsNullOrWhiteSpace(request.Plan) ? "starter" : request.Plan.Trim();
        if (await db.Tenants.AnyAsync(t => t.Name == name, ct)) return Problems.Invalid("name", $"a tenant named '{name}' exists");

        var tenant = new KnownTenant { Id = Guid.CreateVersion7(), Name = name, Plan = plan, RegisteredAt = clock.GetUtcNow() };
        db.Tenants.Add(tenant);
        db.PublishOnCommit(new TenantRegistered(tenant.Id, tenant.Id, tenant.Name, tenant.Plan));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tenants/{tenant.Id}", tenant);
    }
}

public sealed record RegisterTenantRequest(string? Name, string? Plan);
