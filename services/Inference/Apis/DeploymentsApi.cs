using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Inference.Apis;

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        // Not /api/deployments: that is the registry's list, and one public entry routes both.
        app.MapGet("/api/serving", ListDeployments)
            .WithName("ListServedDeployments")
            .WithSummary("The tenant's deployments as this replica serves them: promoted model version, whether it is loaded, its keys' prefixes")
            .WithTags("Serving")
            .RequireScope(PlatformScopes.DeploymentsRead);
        return app;
    }

    public static async Task<Results<Ok<ServedDeploymentResponse[]>, ProblemHttpResult>> ListDeployments(
        CallerTenant tenant, InferenceDbContext db, ModelHost host, CancellationToken ct)
    {
        var deployments = await db.Deployments.AsNoTracking()
            .Where(d => d.TenantId == tenant.Id)
            .OrderBy(d => d.Name)
            .ToListAsync(ct);
        return TypedResults.Ok(deployments.Select(d =>
        {
            var loaded = host.Current(d.Key);
            return new ServedDeploymentResponse(
                d.Name, d.DeploymentId, d.ApiKeys.Where(k => k.RevokedAt is null).Select(k => k.Prefix).ToArray(), d.ModelVersionId,
                Loaded: loaded is not null && loaded.Value.ModelVersionId == d.ModelVersionId,
                LoadedModelVersionId: loaded?.ModelVersionId,
                d.PromotedAt,
                d.Drift.ToResponse());
        }).ToArray());
    }
}
