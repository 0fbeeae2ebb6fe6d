using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Compression.Infrastructure;
using Platform.Contracts.Compression;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Telemetry;
using Platform.Tabular;

namespace Platform.Compression.Domain;

/// <summary>
/// Runs one <see cref="CompressModel"/>: makes each variant (int8, ADR 15), measures it and the
/// original on the deterministic test rows of its dataset (quality, the largest probability change,
/// and latency at batch 1 and 64 in turns with the original, so the registry can refuse a variant
/// slower than its parent), stores it, and records the report and <see cref="ModelCompressed"/>
/// together. A retraining's champion is measured on the same rows too. No transaction is held
/// while measuring.
/// </summary>
public sealed partial class CompressionJob(
    CompressionDbContext db, ContentAddressedStore store, TimeProvider clock, ILogger<CompressionJob> logger)
{
    public const string Int8 = "int8";

    /// <summary>The variant's metric: the largest |p(variant) − p(original)| of the positive class over the test rows.</summary>
    public const string MaxProbabilityDelta = "maxProbabilityDelta";

    public async Task RunAsync(CompressModel command, CancellationToken ct)
    {
        if (await db.Jobs.AnyAsync(j => j.ModelVersionId == command.ModelVersionId, ct)) return;

        using var activity = PlatformTelemetry.ActivitySource.StartActivity("compress model");
        activity?.SetTag("platform.model_version", command.ModelVersionId);
        var started = clock.GetUtcNow();

        var original = await store.ReadAllBytesAsync(command.Model, ct);
        TabularData data;
        await using (var content = store.OpenRead(command.Dataset))
            data = CsvTableReader.ReadAll(content);
        var request = new TrainingRequest(data, command.Spec.TargetColumn, command.Spec.PositiveClass, command.Spec.FeatureColumns, command.Spec.Seed);

        EvaluationReport baseline;
        byte[] quantized;
        EvaluationReport variant;
        double maxProbabilityDelta;
        EvaluationReport? championReport;
        try
        {
            // A champion file that cannot be read fails the job like any other: the retraining must hear back.
            var champion = command.Champion is { } incumbent ? await store.ReadAllBytesAsync(incumbent, ct) : null;
            (baseline, quantized, variant, maxProbabilityDelta, championReport) = await Task.Run(() =>
            {
                var int8 = Int8Quantizer.Quantize(original);
                var evaluation = ModelEvaluation.EvaluateVariant(original, int8, request);
                // The serving model on this version's test rows: the rows the challenger never trained on.
                var incumbentReport = champion is null ? null : ModelEvaluation.Evaluate(champion, request);
                return (evaluation.Parent, int8, evaluation.Variant, evaluation.MaxProbabilityDelta, incumbentReport);
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, command.ModelVersionId, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await RecordAsync(
                new CompressionJobRecord
                {
                    ModelVersionId = command.ModelVersionId, TenantId = command.TenantId, CorrelationId = command.CorrelationId,
                    Succeeded = false, FailureReason = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message,
                    StartedAt = started, CompletedAt = clock.GetUtcNow(),
                },
                new CompressionFailed(command.TenantId, command.CorrelationId, command.ModelVersionId, ex.Message), ct);
            return;
        }

        var stored = await store.StoreAsync(quantized, ct);
        var delta = variant.TestMetrics.RocAuc - baseline.TestMetrics.RocAuc;
        var sizeRatio = (double)quantized.Length / original.Length;
        LogCompressed(logger, command.ModelVersionId, Int8, sizeRatio, delta, maxProbabilityDelta,
            variant.LatencyBatch1Ms, baseline.LatencyBatch1Ms, variant.LatencyBatch64Ms, baseline.LatencyBatch64Ms);
        var metrics = new Dictionary<string, double>(variant.TestMetrics.ToDictionary()) { [MaxProbabilityDelta] = maxProbabilityDelta };

        var report = new VariantReport
        {
            Technique = Int8,
            ModelUri = stored.Uri,
            Bytes = stored.SizeBytes,
            TestAuc = variant.TestMetrics.RocAuc,
            AucDelta = delta,
            SizeRatio = sizeRatio,
            LatencyBatch1Ms = variant.LatencyBatch1Ms,
            LatencyBatch64Ms = variant.LatencyBatch64Ms,
        };
        var compressed = new CompressedVariant(
            Int8, stored, metrics, delta, sizeRatio,
            variant.LatencyBatch1Ms, variant.LatencyBatch64Ms, baseline.LatencyBatch1Ms, baseline.LatencyBatch64Ms);

        await RecordAsync(
            new CompressionJobRecord
            {
                ModelVersionId = command.ModelVersionId, TenantId = command.TenantId, CorrelationId = command.CorrelationId,
                Succeeded = true, BaselineBytes = original.Length, BaselineAuc = baseline.TestMetrics.RocAuc,
                Variants = [report], StartedAt = started, CompletedAt = clock.GetUtcNow(),
            },
            new ModelCompressed(command.TenantId, command.CorrelationId, command.ModelVersionId, [compressed], championReport?.TestMetrics.ToDictionary()), ct);
    }

    private async Task RecordAsync<TEvent>(CompressionJobRecord job, TEvent outcome, CancellationToken ct) where TEvent : class
    {
        db.Jobs.Add(job);
        db.PublishOnCommit(outcome);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A redelivered copy recorded it first, outcome included; otherwise let MassTransit retry.
            db.ChangeTracker.Clear();
            if (!await db.Jobs.AnyAsync(j => j.ModelVersionId == job.ModelVersionId, ct)) throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId}: {Technique} is {Ratio:P0} of the size, AUC {Delta:+0.0000;-0.0000}, max |Δp| {MaxProbabilityDelta:F4}, latency at batch 1 {Latency1:F4} ms (parent {Baseline1:F4} ms), at batch 64 {Latency64:F4} ms (parent {Baseline64:F4} ms)")]
    private static partial void LogCompressed(ILogger logger, Guid versionId, string technique, double ratio, double delta, double maxProbabilityDelta,
        double latency1, double baseline1, double latency64, double baseline64);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compression of model version {VersionId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid versionId, string reason);
}
