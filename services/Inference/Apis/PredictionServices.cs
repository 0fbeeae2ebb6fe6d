using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;

namespace Platform.Inference.Apis;

/// <summary>What the predict endpoints need, bound as one <c>[AsParameters]</c> bundle.</summary>
public sealed record PredictionServices(
    ModelHost Host,
    PinnedModels Pinned,
    DriftMonitor Drift,
    GroupCommit Commits,
    TimeProvider Clock,
    IOptions<InferenceOptions> Options,
    ILogger<PredictionServices> Logger)
{
    /// <summary>
    /// Scores a batch and does what every answered prediction owes, whichever protocol asked: drift
    /// observed, each instance kept for feedback (<paramref name="keep"/> gives its JSON) and the
    /// usage billed, committed before the caller is answered. Scoring shares a run with concurrent
    /// requests for the model, and the writes share a transaction (ADR 17). If the commit fails the
    /// request fails, and the client retries. A batch already scored (<paramref name="scored"/>: by
    /// the run that explained it, ADR 23) is recorded as it is.
    /// </summary>
    public async Task<PredictionResponse[]> ScoreAndRecordAsync(
        DeploymentCredentials deployment, LoadedModel model, FeatureBatch batch, Func<int, string> keep, long started, CancellationToken ct,
        IReadOnlyList<Prediction>? scored = null)
    {
        scored ??= await model.Batcher.ScoreAsync(batch, Options.Value.Batching.For(deployment.Key.Name));
        Drift.Observe(model, batch, deployment.Drift);

        var now = Clock.GetUtcNow();
        var positiveClass = model.Model.Signature.BinaryPositiveClass;
        var predictions = new PredictionResponse[scored.Count];
        var kept = new ServedPrediction[scored.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            var prediction = new PredictionResponse(scored[i].Label, scored[i].Probabilities, Guid.CreateVersion7(now), Value: scored[i].Value);
            kept[i] = Kept(deployment, model.ModelVersionId, prediction, keep(i), positiveClass, now);
            predictions[i] = prediction;
        }
        await Commits.CommitAsync(new ServedWrite(deployment, model.ModelVersionId, kept), ct);

        var tags = new TagList { { InferenceTelemetry.DeploymentTag, deployment.Key.Name }, { InferenceTelemetry.ModelVersionTag, model.ModelVersionId } };
        InferenceTelemetry.Predictions.Add(batch.Count, tags);
        InferenceTelemetry.PredictDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        return predictions;
    }

    /// <summary>What is kept of an answered prediction for feedback, live quality and retraining.</summary>
    internal static ServedPrediction Kept(
        DeploymentCredentials deployment, Guid modelVersionId, PredictionResponse prediction, string instance, string? positiveClass, DateTimeOffset now) => new()
    {
        Id = prediction.PredictionId,
        TenantId = deployment.Key.TenantId,
        DeploymentName = deployment.Key.Name,
        ModelVersionId = modelVersionId,
        Instance = instance,
        // Binary: the positive class's, for live ROC-AUC; multiclass: the predicted class's;
        // regression: the predicted value itself, for live R² (ADR 31).
        PositiveProbability = prediction.Value ?? prediction.Probabilities.GetValueOrDefault(positiveClass ?? prediction.Label),
        PredictedLabel = prediction.Label,
        ServedAt = now,
    };
}
