using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
        return TypedResults.Ok(RetrainingPolicyResponse.From(policy));
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
        return TypedResults.Ok(RetrainingPolicyResponse.From(policy));
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
        return TypedResults.Ok(episodes.Select(RetrainingEpisodeResponse.From).ToArray());
    }
}

/// <summary>Every field is optional: what is left out keeps its current value.</summary>
public sealed record RetrainingPolicyRequest(
    double? PsiThreshold, int? ConsecutiveWindows, int? WindowRows, int? WindowSeconds, int? CooldownSeconds,
    int? MinLabelledRows, double? PromotionMargin, double? MaxQualityDrop, bool? OnNewData, bool? OnDrift, bool? OnQualityDrop)
{
    public void ApplyTo(RetrainingPolicy policy)
    {
        policy.PsiThreshold = PsiThreshold ?? policy.PsiThreshold;
        policy.ConsecutiveWindows = ConsecutiveWindows ?? policy.ConsecutiveWindows;
        policy.WindowRows = WindowRows ?? policy.WindowRows;
        policy.WindowSeconds = WindowSeconds ?? policy.WindowSeconds;
        policy.CooldownSeconds = CooldownSeconds ?? policy.CooldownSeconds;
        policy.MinLabelledRows = MinLabelledRows ?? policy.MinLabelledRows;
        policy.PromotionMargin = PromotionMargin ?? policy.PromotionMargin;
        policy.MaxQualityDrop = MaxQualityDrop ?? policy.MaxQualityDrop;
        policy.OnNewData = OnNewData ?? policy.OnNewData;
        policy.OnDrift = OnDrift ?? policy.OnDrift;
        policy.OnQualityDrop = OnQualityDrop ?? policy.OnQualityDrop;
    }
}

public sealed record RetrainingPolicyResponse(
    double PsiThreshold, int ConsecutiveWindows, int WindowRows, int WindowSeconds, int CooldownSeconds,
    int MinLabelledRows, double PromotionMargin, double MaxQualityDrop, bool OnNewData, bool OnDrift, bool OnQualityDrop, DateTimeOffset UpdatedAt)
{
    public static RetrainingPolicyResponse From(RetrainingPolicy p) => new(
        p.PsiThreshold, p.ConsecutiveWindows, p.WindowRows, p.WindowSeconds, p.CooldownSeconds,
        p.MinLabelledRows, p.PromotionMargin, p.MaxQualityDrop, p.OnNewData, p.OnDrift, p.OnQualityDrop, p.UpdatedAt);
}

public sealed record RetrainingEpisodeResponse(
    Guid Id, string Trigger, string? TriggerDetail, string State, Guid? BaseDatasetVersionId, Guid? DatasetVersionId, long LabelledRows,
    Guid? RunId, Guid? ChampionVersionId, Guid? ChallengerVersionId, double? ChampionAuc, double? ChallengerAuc,
    IReadOnlyDictionary<string, double> ChampionMetrics, IReadOnlyDictionary<string, double> ChallengerMetrics,
    string? Decision, string? Reason, string? TraceId, DateTimeOffset StartedAt, DateTimeOffset? TrainingStartedAt, DateTimeOffset? DecidedAt,
    double? SecondsToData, double? SecondsTraining, double? SecondsToDecision)
{
    /// <summary>Durations: trigger to the challenger's data (waiting for labels, deriving), its training and scoring, and all of it.</summary>
    public static RetrainingEpisodeResponse From(RetrainingEpisode e) => new(
        e.Id, e.Trigger, e.TriggerDetail, e.State.ToString(), e.BaseDatasetVersionId, e.DatasetVersionId, e.LabelledRows,
        e.RunId, e.ChampionVersionId, e.ChallengerVersionId, e.ChampionAuc, e.ChallengerAuc, e.ChampionMetrics, e.ChallengerMetrics,
        e.State is EpisodeState.Promoted or EpisodeState.Rejected ? e.State.ToString() : null,
        e.Reason, e.TraceId, e.StartedAt, e.TrainingStartedAt, e.DecidedAt,
        Seconds(e.StartedAt, e.TrainingStartedAt), Seconds(e.TrainingStartedAt, e.DecidedAt), Seconds(e.StartedAt, e.DecidedAt));

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end ? Math.Round((end - start).TotalSeconds, 1) : null;
}
