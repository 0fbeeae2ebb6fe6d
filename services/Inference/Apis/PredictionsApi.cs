using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

public static partial class PredictionsApi
{
    public static IEndpointRouteBuilder MapPredictionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/deployments/{name}/predict", Predict)
            .WithName("Predict")
            .WithSummary("Score instances with the deployment's promoted model; needs the deployment's key in X-Api-Key; every answered instance is billed")
            .WithTags("Predictions");
        return app;
    }

    public static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> Predict(
        string name, PredictRequest request, [FromHeader(Name = ApiKeys.Header)] string? apiKey,
        [AsParameters] PredictionServices services, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var check = services.Directory.Check(name, apiKey);
        switch (check.Outcome)
        {
            case KeyCheckOutcome.UnknownDeployment:
                return Problems.NotFound($"Deployment '{name}' does not exist.");
            case KeyCheckOutcome.MissingKey or KeyCheckOutcome.WrongKey:
                LogRefused(services.Logger, name, check.Outcome, LoggablePrefix(apiKey));
                return Unauthorized(name);
        }

        var deployment = check.Deployment!;
        using var lease = services.Host.Acquire(deployment.Key);
        if (lease is null)
        {
            return deployment.ModelVersionId is null
                ? TypedResults.Problem($"Deployment '{name}' has no promoted model yet.", statusCode: StatusCodes.Status409Conflict, title: "No model")
                : TypedResults.Problem($"Deployment '{name}' is loading its model; retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model loading");
        }

        var model = lease.Model;
        if (InstanceReader.TryRead(request.Instances, model.Model.Signature, services.Options.Value.MaxInstancesPerRequest, out var batch) is { } invalid)
            return Problems.Invalid(invalid.Field, invalid.Reason, invalid.Row);
        var predictions = model.Model.Score(batch!);

        // Billed before answered: if this commit fails the request fails, and the client retries.
        var usage = UsageRecord.For(deployment, model.ModelVersionId, batch!.Count, services.Clock.GetUtcNow());
        services.Db.Usage.Add(usage);
        services.Db.PublishOnCommit(usage.ToEvent());
        await services.Db.SaveChangesAsync(ct);

        var tags = new TagList { { InferenceTelemetry.DeploymentTag, name }, { InferenceTelemetry.ModelVersionTag, model.ModelVersionId } };
        InferenceTelemetry.Predictions.Add(batch.Count, tags);
        InferenceTelemetry.PredictDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        return TypedResults.Ok(new PredictResponse(name, model.ModelVersionId, predictions));
    }

    private static ProblemHttpResult Unauthorized(string name) =>
        TypedResults.Problem(
            detail: $"Send deployment '{name}''s API key in the {ApiKeys.Header} header.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized");

    // A prefix of a short string would be most of it: log prefixes of key-length strings only.
    private static string? LoggablePrefix(string? apiKey) => apiKey is { Length: >= 32 } ? ApiKeys.Prefix(apiKey) : null;

    // Never the key itself: its prefix is enough to tell keys apart in logs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a prediction for deployment {Deployment}: {Outcome} (key prefix {KeyPrefix})")]
    private static partial void LogRefused(ILogger logger, string deployment, KeyCheckOutcome outcome, string? keyPrefix);
}
