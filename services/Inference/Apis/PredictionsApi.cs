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
            .WithSummary("Score instances with the deployment's promoted model; needs the deployment's key in X-Api-Key; every answered instance is billed and gets a prediction id for feedback")
            .WithTags("Predictions")
            .WithBodyLimit(options.PredictBodyBytes())
            .RequireScope(PlatformScopes.Predict);
        return app;
    }

    public static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> Predict(
        string name, PredictRequest request, DeploymentCaller caller, [AsParameters] PredictionServices services, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var deployment = caller.Deployment;
        using var lease = services.Host.Acquire(deployment.Key);
        if (lease is null)
        {
            return deployment.ModelVersionId is null
                ? TypedResults.Problem($"Deployment '{name}' has no promoted model yet.", statusCode: StatusCodes.Status409Conflict, title: "No model")
                : TypedResults.Problem($"Deployment '{name}' is loading its model; retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model loading");
        }

        var model = lease.Model;
        if (InstanceReader.TryRead(request.Instances, model.Model.Signature, services.Options.Value.InstanceLimits(), out var batch) is { } invalid)
            return invalid.Limit is { } limit
                ? Problems.Limit(invalid.Field, invalid.Reason, limit, invalid.Row)
                : Problems.Invalid(invalid.Field, invalid.Reason, invalid.Row);
        var scored = model.Model.Score(batch!);
        services.Drift.Observe(model, batch!, deployment.Drift);

        // Billed and kept for feedback before answered: if this commit fails the request fails, and the client retries.
        var now = services.Clock.GetUtcNow();
        var positiveClass = model.Model.Signature.PositiveClass ?? model.Model.Signature.Classes[^1];
        var predictions = new PredictionResponse[scored.Count];
        var i = 0;
        foreach (var instance in request.Instances.EnumerateArray())
        {
            var prediction = new PredictionResponse(scored[i].Label, scored[i].Probabilities, Guid.CreateVersion7(now));
            services.Db.ServedPredictions.Add(new ServedPrediction
            {
                Id = prediction.PredictionId,
                TenantId = deployment.Key.TenantId,
                DeploymentName = name,
                ModelVersionId = model.ModelVersionId,
                Instance = ServedInstance.Keep(instance, model.Model.Signature),
                PositiveProbability = prediction.Probabilities.GetValueOrDefault(positiveClass),
                PredictedLabel = prediction.Label,
                ServedAt = now,
            });
            predictions[i++] = prediction;
        }
        var usage = UsageRecord.For(deployment, model.ModelVersionId, batch!.Count, now);
        services.Db.Usage.Add(usage);
        services.Db.PublishOnCommit(usage.ToEvent());
        await services.Db.SaveChangesAsync(ct);

        var tags = new TagList { { InferenceTelemetry.DeploymentTag, name }, { InferenceTelemetry.ModelVersionTag, model.ModelVersionId } };
        InferenceTelemetry.Predictions.Add(batch.Count, tags);
        InferenceTelemetry.PredictDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        return TypedResults.Ok(new PredictResponse(name, model.ModelVersionId, predictions));
    }
}
