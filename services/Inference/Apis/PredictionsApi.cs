using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

public static class PredictionsApi
{
    public static IEndpointRouteBuilder MapPredictionsApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<InferenceOptions>>().Value;
        app.MapPost("/api/deployments/{name}/predict", Predict)
            .WithName("Predict")
            .WithSummary("Score instances with the deployment's promoted model, or with the version named by version (its number or id, promoted or not); needs the deployment's key in X-Api-Key; every answered instance is billed and gets a prediction id for feedback; explain=true adds each instance's top input contributions (top, default 5)")
            .WithTags("Predictions")
            .WithBodyLimit(options.PredictBodyBytes())
            .RequireScope(PlatformScopes.Predict)
            .RequireQuota()
            .LoadsModelOnDemand();
        return app;
    }

    public static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> Predict(
        string name, PredictRequest request, DeploymentCaller caller, [AsParameters] PredictionServices services, CancellationToken ct,
        bool explain = false, int top = DefaultTop, string? version = null)
    {
        var started = Stopwatch.GetTimestamp();
        var deployment = caller.Deployment;
        var (lease, unknown, unloadable) = await services.Pinned.AcquireAsync(deployment.Key, version, ct);
        using var held = lease;
        if (Unpinned(unknown, unloadable) is { } notPinned) return notPinned;
        if (lease is null) return NoModel(deployment);

        var model = lease.Model;
        if (InstanceReader.TryRead(request.Instances, model.Model.Signature, services.Options.Value.InstanceLimits(), out var batch) is { } invalid)
            return Refusal(invalid);
        var options = services.Options.Value;
        if (explain && ExplainRefusal(batch!, top, options) is { } refused) return refused;
        // Personal data is treated before anything scores, keeps or watches it; then what is kept is the treated value (ADR 30).
        Func<int, string> keep;
        if (model.Treatment is { } treatment)
        {
            treatment.Apply(batch!);
            keep = i => ServedInstance.Keep(batch!, i);
        }
        else
        {
            var instances = request.Instances.EnumerateArray().ToArray();
            keep = i => ServedInstance.Keep(instances[i], model.Model.Signature);
        }
        // A model explained from its trees scores and explains in one run (ADR 23); any other is explained after its plain prediction.
        var byTrees = explain ? PredictionExplainer.ScoreAndExplain(model.Model, batch!, top) : null;
        var predictions = await services.ScoreAndRecordAsync(deployment, model, batch!, keep, started, ct, byTrees?.Predictions);
        if (explain)
        {
            var explanations = byTrees?.Explanations ?? PredictionExplainer.Explain(model.Model, batch!, options.ExplanationPermutations, top);
            predictions = [.. predictions.Select((p, i) => p with { Explanation = explanations[i] })];
        }
        return TypedResults.Ok(new PredictResponse(name, model.ModelVersionId, predictions));
    }

    private const int DefaultTop = 5;

    /// <summary>A sampled explanation scores each instance once per input and order: bounded per request, refused before anything is billed.</summary>
    private static ProblemHttpResult? ExplainRefusal(FeatureBatch batch, int top, InferenceOptions options)
    {
        if (top < 1) return Problems.Invalid("top", $"top must be at least 1 (it was {top}).");
        return batch.Count > options.MaxExplainedInstances
            ? Problems.Limit("instances", $"explain=true answers at most {options.MaxExplainedInstances} instances a request; this one has {batch.Count}.",
                new ServiceLimit("maxExplainedInstances", options.MaxExplainedInstances))
            : null;
    }

    /// <summary>Why a deployment whose key was accepted cannot answer yet: nothing promoted (409), or its model still loading here (503).</summary>
    internal static ProblemHttpResult NoModel(DeploymentCredentials deployment) =>
        deployment.ModelVersionId is null
            ? TypedResults.Problem($"Deployment '{deployment.Key.Name}' has no promoted model yet.", statusCode: StatusCodes.Status409Conflict, title: "No model")
            : TypedResults.Problem($"Deployment '{deployment.Key.Name}' is loading its model; retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model loading");

    /// <summary>
    /// Why a pinned version cannot answer: the deployment has no such version (404 naming the field
    /// and the versions it has), or its file could not be loaded (503); null when it can.
    /// </summary>
    internal static ProblemHttpResult? Unpinned(string? unknown, string? unloadable)
    {
        if (unloadable is not null) return TypedResults.Problem(unloadable, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model version not loadable");
        if (unknown is null) return null;
        var problem = TypedResults.Problem(unknown, statusCode: StatusCodes.Status404NotFound, title: "Unknown model version");
        problem.ProblemDetails.Extensions["field"] = "version";
        return problem;
    }

    internal static ProblemHttpResult Refusal(InstanceError invalid) =>
        invalid.Limit is { } limit
            ? Problems.Limit(invalid.Field, invalid.Reason, limit, invalid.Row)
            : Problems.Invalid(invalid.Field, invalid.Reason, invalid.Row);
}
