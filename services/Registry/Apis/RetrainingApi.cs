using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Registry;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Registry.Apis;

public static class RetrainingApi
{
    public static IEndpointRouteBuilder MapRetrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments/{name}").WithTags("Retraining");
        api.MapGet("/retraining-policy", GetPolicy).WithName("GetRetrainingPolicy")
            .WithSummary("When the deployment retrains itself: triggers, drift settings, cooldown, labelled rows needed, promotion margin")
            .RequireScope(PlatformScopes.DeploymentsRead);
        api.MapPut("/retraining-policy", PutPolicy).WithName("PutRetrainingPolicy")
            .WithSummary("Replace the retraining policy; the drift settings reach Inference as RetrainingPolicyChanged")
            .RequireScope(PlatformScopes.DeploymentsWrite);
        api.MapGet("/retraining", ListEpisodes).WithName("ListRetrainingEpisodes")
            .WithSummary("Each retraining, newest first: trigger, data, champion and challenger ROC-AUC on the same rows, decision, reason, durations")
            .RequireScope(PlatformScopes.DeploymentsRead);
        return app;
    }

    public static async Task<Results<Ok<RetrainingPolicyResponse>, ProblemHttpResult>> GetPolicy(
        string name, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var policy = await db.RetrainingPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.DeploymentId == deployment.Id, ct)
                     ?? RetrainingPolicy.DefaultFor(deployment);
        return TypedResults.Ok(policy.ToResponse());
    }

    public static async Task<Results<Ok<RetrainingPolicyResponse>, ValidationProblem, ProblemHttpResult>> PutPolicy(
        string name, RetrainingPolicyRequest request, CallerTenant tenant,
        RegistryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var deployment = await db.Deployments.FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");

        var policy = await db.RetrainingPolicies.FirstOrDefaultAsync(p => p.DeploymentId == deployment.Id, ct);
        var isNew = policy is null;
        policy ??= RetrainingPolicy.DefaultFor(deployment);
        request.ApplyTo(policy);
        if (policy.Validate() is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors, detail: "The retraining policy has fields out of range; nothing was changed.");

        policy.UpdatedAt = clock.GetUtcNow();
        if (isNew) db.RetrainingPolicies.Add(policy);
        db.PublishOnCommit(new RetrainingPolicyChanged(
            tenant.Id, deployment.Id, deployment.Name, policy.PsiThreshold, policy.ConsecutiveWindows, policy.WindowRows, policy.WindowSeconds, policy.UpdatedAt));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(policy.ToResponse());
    }

    public static async Task<Results<Ok<RetrainingEpisodeResponse[]>, ProblemHttpResult>> ListEpisodes(
        string name, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var episodes = await db.Episodes.AsNoTracking()
            .Where(e => e.TenantId == tenant.Id && e.DeploymentId == deployment.Id)
            .OrderByDescending(e => e.StartedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(episodes.Select(e => e.ToResponse()).ToArray());
    }
}
