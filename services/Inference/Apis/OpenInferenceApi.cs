using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

/// <summary>
/// The Open Inference Protocol v2 (KServe, Triton) over the same deployments as the platform's own
/// predict: a model is a deployment, its version the promoted model version. Model routes take the
/// deployment's API key and are billed, kept for feedback and watched for drift exactly as predict
/// is (one shared path). A versioned route serves the version it names (its number or id), promoted
/// or not, as predict's <c>version</c> does. Refusals are the platform's problem details with the protocol's
/// <c>error</c> member added, so a KServe client reads them too.
/// </summary>
public static class OpenInferenceApi
{
    public const string ServerName = "platform-inference";
    public const string OnnxPlatform = "onnxruntime_onnx";
    public const string PredictionIdOutput = "prediction_id";

    public static IEndpointRouteBuilder MapOpenInferenceApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<InferenceOptions>>().Value;
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol v2");

        // Server health and metadata say nothing about any organization: probes call them without a credential, as /health.
        v2.MapGet("", () => TypedResults.Ok(new InferenceServerMetadata(ServerName, ServerVersion, [])))
            .WithName("OipServerMetadata").WithSummary("The server's name, version and protocol extensions").AllowAnonymous();
        v2.MapGet("/health/live", () => TypedResults.Ok())
            .WithName("OipServerLive").WithSummary("200 while the server answers").AllowAnonymous();
        v2.MapGet("/health/ready", ServerReady)
            .WithName("OipServerReady").WithSummary("200 when the server's database and broker are reachable, 400 otherwise").AllowAnonymous();

        foreach (var (prefix, suffix) in new[] { ("/models/{name}", ""), ("/models/{name}/versions/{version}", "Version") })
        {
            v2.MapGet(prefix, ModelMetadata).WithName($"OipModelMetadata{suffix}")
                .WithSummary("The deployment's served model version (or the version named) and its input and output tensors; needs the deployment's key in X-Api-Key")
                .RequireScope(PlatformScopes.Predict);
            v2.MapGet($"{prefix}/ready", ModelReady).WithName($"OipModelReady{suffix}")
                .WithSummary("200 when this replica serves the deployment's model (or the version named, loading it), 400 otherwise")
                .RequireScope(PlatformScopes.Predict);
            v2.MapPost($"{prefix}/infer", Infer).WithName($"OipInfer{suffix}")
                .WithSummary("Score input tensors (one per model input, shape [N, 1]); billed, kept for feedback and watched for drift as predict is")
                .WithBodyLimit(options.PredictBodyBytes())
                .RequireScope(PlatformScopes.Predict)
                .RequireQuota()
                .LoadsModelOnDemand();
        }
        return app;
    }

    private static readonly string ServerVersion =
        typeof(OpenInferenceApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    public static async Task<Results<Ok, ProblemHttpResult>> ServerReady(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok()
            : WithError(TypedResults.Problem("The server cannot reach its database or broker.", statusCode: StatusCodes.Status400BadRequest, title: "Not ready"));
    }

    public static async Task<Results<Ok<InferenceModelMetadata>, ProblemHttpResult>> ModelMetadata(
        string name, string? version, DeploymentCaller caller, PinnedModels models, CancellationToken ct)
    {
        var choice = await models.AcquireAsync(caller.Deployment.Key, version, ct);
        using var held = choice.Lease;
        if (Unavailable(choice, caller) is { } refusal) return refusal;
        var model = choice.Lease!.Model;
        var signature = model.Model.Signature;
        var inputs = signature.Inputs
            .Select(i => i.Shape is { } image
                // An image input takes its pixels (FP32, ADR 35); BYTES [N] of encoded files are read too.
                ? new InferenceTensorMetadata(i.Name, "FP32", [-1, image.Channels, image.Height, image.Width])
                : new InferenceTensorMetadata(i.Name, i.Kind == FeatureKind.Numeric ? "FP32" : "BYTES", [-1, 1]))
            .ToArray();
        return TypedResults.Ok(new InferenceModelMetadata(name, [model.ModelVersionId.ToString()], OnnxPlatform, inputs, Outputs(signature)));
    }

    public static async Task<Results<Ok, ProblemHttpResult>> ModelReady(
        string name, string? version, DeploymentCaller caller, PinnedModels models, CancellationToken ct)
    {
        var choice = await models.AcquireAsync(caller.Deployment.Key, version, ct);
        using var held = choice.Lease;
        // The protocol answers "not ready" with a 4xx; the reason is the one infer would give.
        return Unavailable(choice, caller) is { ProblemDetails: var refusal }
            ? WithError(TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status400BadRequest, title: refusal.Title))
            : TypedResults.Ok();
    }

    public static async Task<Results<Ok<InferenceResponse>, ProblemHttpResult>> Infer(
        string name, string? version, InferenceRequest request, DeploymentCaller caller, [AsParameters] PredictionServices services, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var deployment = caller.Deployment;
        var choice = await services.Pinned.AcquireAsync(deployment.Key, version, ct);
        using var held = choice.Lease;
        if (Unavailable(choice, caller) is { } unavailable) return unavailable;
        var model = choice.Lease!.Model;
        var signature = model.Model.Signature;

        var outputs = Outputs(signature);
        if (request.Outputs?.FirstOrDefault(o => !outputs.Any(known => known.Name == o.Name)) is { } unknown)
            return WithError(PredictionsApi.Refusal(new InstanceError("outputs", $"'{unknown.Name}' is not an output of this model; its outputs are {string.Join(", ", outputs.Select(o => o.Name))}")));
        if (TensorReader.TryRead(request.Inputs, signature, services.Options.Value.InstanceLimits(), out var batch) is { } invalid)
            return WithError(PredictionsApi.Refusal(invalid));

        model.Treatment?.Apply(batch!);
        var predictions = await services.ScoreAndRecordAsync(deployment, model, batch!, i => ServedInstance.Keep(batch!, i), started, ct);
        var wanted = request.Outputs is { Count: > 0 } asked ? asked.Select(o => o.Name).ToHashSet() : null;
        var answered = Answer(signature, predictions, wanted);
        return TypedResults.Ok(new InferenceResponse(name, model.ModelVersionId.ToString(), request.Id, answered));
    }

    /// <summary>The output tensors of answered predictions: those asked for (<paramref name="wanted"/>), or all of the model's.</summary>
    internal static List<InferenceResponseOutput> Answer(ModelSignature signature, PredictionResponse[] predictions, IReadOnlySet<string>? wanted)
    {
        var answered = new List<InferenceResponseOutput>(3);
        long count = predictions.Length;
        if (signature.IsRegression && wanted?.Contains(OnnxSignatureReader.ValueOutput) != false)
        {
            // The value came from the file's float as its shortest text: the cast gives that float back.
            var values = new float[predictions.Length];
            for (var i = 0; i < predictions.Length; i++) values[i] = (float)predictions[i].Value!.Value;
            answered.Add(new InferenceResponseOutput(OnnxSignatureReader.ValueOutput, [count, 1], "FP32", values));
        }
        if (!signature.IsRegression && wanted?.Contains(OnnxSignatureReader.LabelOutput) != false)
            answered.Add(new InferenceResponseOutput(OnnxSignatureReader.LabelOutput, [count], "BYTES", predictions.Select(p => p.Label).ToArray()));
        if (!signature.IsRegression && wanted?.Contains(OnnxSignatureReader.ProbabilitiesOutput) != false)
        {
            var classes = signature.Classes;
            var probabilities = new float[predictions.Length * classes.Count];
            for (var i = 0; i < predictions.Length; i++)
                for (var c = 0; c < classes.Count; c++)
                    probabilities[i * classes.Count + c] = (float)predictions[i].Probabilities.GetValueOrDefault(classes[c]);
            answered.Add(new InferenceResponseOutput(OnnxSignatureReader.ProbabilitiesOutput, [count, classes.Count], "FP32", probabilities,
                new Dictionary<string, object> { ["classes"] = classes }));
        }
        if (wanted?.Contains(PredictionIdOutput) != false)
            answered.Add(new InferenceResponseOutput(PredictionIdOutput, [count], "BYTES", predictions.Select(p => p.PredictionId.ToString()).ToArray()));
        return answered;
    }

    /// <summary>
    /// A classifier's label, each class's probability in the model's class order, and the id feedback
    /// names; a regression model's value [N, 1] (as its file returns it, ADR 31) and the id.
    /// </summary>
    private static InferenceTensorMetadata[] Outputs(ModelSignature signature) => signature.IsRegression
        ?
        [
            new(OnnxSignatureReader.ValueOutput, "FP32", [-1, 1]),
            new(PredictionIdOutput, "BYTES", [-1]),
        ]
        :
        [
            new(OnnxSignatureReader.LabelOutput, "BYTES", [-1]),
            new(OnnxSignatureReader.ProbabilitiesOutput, "FP32", [-1, signature.Classes.Count]),
            new(PredictionIdOutput, "BYTES", [-1]),
        ];

    private static ProblemHttpResult? Unavailable(ModelChoice choice, DeploymentCaller caller)
    {
        if (PredictionsApi.Unpinned(choice.Unknown, choice.Unloadable) is { } refused) return WithError(refused);
        return choice.Lease is null ? WithError(PredictionsApi.NoModel(caller.Deployment)) : null;
    }

    private static ProblemHttpResult WithError(ProblemHttpResult problem)
    {
        problem.ProblemDetails.Extensions["error"] = problem.ProblemDetails.Detail;
        return problem;
    }
}
