using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Registry;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Registry.Apis;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", ListModels).WithTags("Models").WithName("ListModels")
            .WithSummary("One model per deployment, with its version count and champion")
            .RequireScope(PlatformScopes.DeploymentsRead);
        app.MapGet("/api/deployments/{name}/versions", ListVersions).WithTags("Models").WithName("ListModelVersions")
            .WithSummary("A deployment's model versions, newest first")
            .RequireScope(PlatformScopes.DeploymentsRead);
        app.MapGet("/api/model-versions/{id:guid}", GetVersion).WithTags("Models").WithName("GetModelVersion")
            .WithSummary("A model version with its metrics, artifact and compression report")
            .RequireScope(PlatformScopes.DeploymentsRead);
        app.MapGet("/api/model-versions/{id:guid}/lineage", GetLineage).WithTags("Lineage").WithName("GetModelLineage")
            .WithSummary("Where a model version came from: parent versions, run, dataset version")
            .RequireScope(PlatformScopes.DeploymentsRead);
        app.MapGet("/api/deployments/{name}/privacy-utility", GetPrivacyUtility).WithTags("Models").WithName("GetPrivacyUtility")
            .WithSummary("The serving models of every deployment on the same rows, private (with ε) and not: what privacy costs")
            .RequireScope(PlatformScopes.DeploymentsRead);
        return app;
    }

    public static async Task<Results<Ok<PrivacyUtilityResponse>, ProblemHttpResult>> GetPrivacyUtility(
        string name, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var deployment = await db.FindDeploymentAsync(tenant.Id, name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        if (deployment.ChampionVersionId is not { } championId) return Problems.NotFound($"Deployment '{name}' serves no model yet.");
        var champion = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Id == championId && v.TenantId == tenant.Id, ct);
        var dataset = await db.DatasetVersions.AsNoTracking()
            .FirstAsync(d => d.DatasetVersionId == champion.DatasetVersionId && d.TenantId == tenant.Id, ct);

        var champions = await db.Deployments.AsNoTracking()
            .Where(d => d.TenantId == tenant.Id && d.ChampionVersionId != null)
            .Join(db.ModelVersions.AsNoTracking().Where(v => v.TenantId == tenant.Id && v.DatasetVersionId == champion.DatasetVersionId),
                d => d.ChampionVersionId, v => v.Id, (d, v) => new { d.Name, Version = v })
            .ToListAsync(ct);
        // The same version split by the same seed for the same target: the same test rows, so the metrics compare.
        var points = champions
            .Where(c => c.Version.Spec.Seed == champion.Spec.Seed && c.Version.Spec.TargetColumn == champion.Spec.TargetColumn)
            .Select(c => new PrivacyUtilityPoint(c.Name, c.Version.Id, c.Version.Family, c.Version.Technique,
                c.Version.Metrics.TryGetValue("epsilon", out var epsilon) ? epsilon : null,
                c.Version.Metrics.TryGetValue("delta", out var delta) ? delta : null,
                c.Version.TestAuc))
            .OrderBy(p => p.Epsilon ?? double.PositiveInfinity).ThenBy(p => p.Deployment, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new PrivacyUtilityResponse(dataset.DatasetName, dataset.VersionNumber, PromotionPolicy.MetricName, points));
    }

    public static async Task<Results<Ok<ModelSummary[]>, ProblemHttpResult>> ListModels(
        CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        return TypedResults.Ok(await db.Deployments.AsNoTracking()
            .Where(d => d.TenantId == tenant.Id)
            .OrderBy(d => d.Name)
            .Select(d => new ModelSummary(d.Name, d.ModelVersionCount, d.ChampionVersionId))
            .ToArrayAsync(ct));
    }

    public static async Task<Results<Ok<ModelVersionResponse[]>, ProblemHttpResult>> ListVersions(
        string name, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.TenantId == tenant.Id && v.DeploymentId == deployment.Id)
            .OrderByDescending(v => v.Number)
            .ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => v.ToResponse()).ToArray());
    }

    public static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> GetVersion(
        Guid id, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.TenantId == tenant.Id, ct);
        return version is null ? Problems.NotFound($"Model version {id} does not exist.") : TypedResults.Ok(version.ToResponse());
    }

    public static async Task<Results<Ok<LineageResponse>, ProblemHttpResult>> GetLineage(
        Guid id, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.TenantId == tenant.Id, ct);
        if (version is null) return Problems.NotFound($"Model version {id} does not exist.");

        var ancestors = new List<ModelVersionResponse>();
        for (var parentId = version.ParentVersionId; parentId is { } pid;)
        {
            var parent = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Id == pid && v.TenantId == tenant.Id, ct);
            ancestors.Add(parent.ToResponse());
            parentId = parent.ParentVersionId;
        }
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == version.RunId && r.TenantId == tenant.Id, ct);
        var dataset = await db.DatasetVersions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.DatasetVersionId == version.DatasetVersionId && d.TenantId == tenant.Id, ct);
        var baseModel = version.BaseModel is { } name ? await db.BaseModels.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct) : null;
        return TypedResults.Ok(new LineageResponse(
            version.ToResponse(), ancestors, run?.ToResponse(), dataset?.ToResponse(), baseModel?.ToResponse()));
    }
}

public sealed record ModelSummary(string Deployment, int Versions, Guid? ChampionVersionId);
