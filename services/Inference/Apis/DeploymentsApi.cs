using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Inference.Apis;

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deployments", ListDeployments)
            .WithName("ListServedDeployments")
            .WithSummary("The tenant's deployments as this replica serves them: promoted model version and whether it is loaded")
            .WithTags("Deployments");
        return app;
    }

    public static async Task<Results<Ok<ServedDeploymentResponse[]>, ProblemHttpResult>> ListDeployments(
        [FromHeader(Name = TenantHeader.Name)] Guid tenantId, InferenceDbContext db, ModelHost host, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var deployments = await db.Deployments.AsNoTracking()
            .Where(d => d.TenantId == tenantId)
            .OrderBy(d => d.Name)
            .ToListAsync(ct);
        return TypedResults.Ok(deployments.Select(d =>
        {
            var loaded = host.Current(d.Key);
            return new ServedDeploymentResponse(
                d.Name, d.DeploymentId, d.ApiKeyPrefix, d.ModelVersionId,
                Loaded: loaded is not null && loaded.Value.ModelVersionId == d.ModelVersionId,
                LoadedModelVersionId: loaded?.ModelVersionId,
                d.PromotedAt,
                d.Drift);
        }).ToArray());
    }
}

/// <summary><see cref="Loaded"/>: this replica serves the promoted version (not an older one, not nothing); <see cref="Drift"/>: how its traffic is watched.</summary>
public sealed record ServedDeploymentResponse(
    string Name, Guid? DeploymentId, string? ApiKeyPrefix, Guid? ModelVersionId, bool Loaded, Guid? LoadedModelVersionId, DateTimeOffset? PromotedAt,
    DriftSettings Drift);
