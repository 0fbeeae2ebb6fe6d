using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Inference.Apis;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments/{name}").WithTags("Monitoring").RequireScope(PlatformScopes.DeploymentsRead);
        api.MapGet("/drift", GetDrift).WithName("GetDrift")
            .WithSummary("The deployment's closed drift windows, oldest first: rows, PSI per feature, drifted features, whether the window opened a drift episode");
        api.MapGet("/quality", GetQuality).WithName("GetLiveQuality")
            .WithSummary("The serving model's ROC-AUC and accuracy over its most recent labelled predictions (a regression model's R² in rocAuc, no accuracy)");
        return app;
    }

    public static async Task<Results<Ok<DriftWindowResponse[]>, ProblemHttpResult>> GetDrift(
        string name, CallerTenant tenant, InferenceDbContext db, [FromQuery] int? limit, CancellationToken ct)
    {
        if (!await db.Deployments.AnyAsync(d => d.TenantId == tenant.Id && d.Name == name, ct))
            return Problems.NotFound($"Deployment '{name}' does not exist.");
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var windows = await db.DriftWindows.AsNoTracking()
            .Where(w => w.TenantId == tenant.Id && w.DeploymentName == name)
            .OrderByDescending(w => w.WindowEnd)
            .Take(take)
            .ToListAsync(ct);
        return TypedResults.Ok(windows.OrderBy(w => w.WindowEnd)
            .Select(w => new DriftWindowResponse(w.WindowStart, w.WindowEnd, w.Rows, w.ModelVersionId, w.Psi, w.MaxPsi, w.DriftedFeatures, w.DriftDetected))
            .ToArray());
    }

    public static async Task<Results<Ok<LiveQualityResponse>, ProblemHttpResult>> GetQuality(
        string name, CallerTenant tenant, InferenceDbContext db, ModelHost host,
        IOptions<InferenceOptions> options, CancellationToken ct)
    {
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        if (deployment.ModelVersionId is not { } version) return TypedResults.Ok(new LiveQualityResponse(Guid.Empty, 0, 0, null, null, null));

        // The positive class is the model's: without it loaded here, no figure would be right.
        using var lease = host.Acquire(deployment.Key);
        if (lease is null)
            return TypedResults.Problem($"Deployment '{name}' is loading its model; retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model loading");
        var signature = lease.Model.Model.Signature;
        var positiveClass = signature.BinaryPositiveClass;
        return TypedResults.Ok((await db.MeasureAsync(deployment.Key, version, positiveClass, options.Value.QualityWindowRows, ct, signature.IsRegression)).ToResponse());
    }
}
