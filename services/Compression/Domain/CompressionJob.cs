using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Compression.Infrastructure;
using Platform.Compression.Extensions;
using Platform.Contracts.Compression;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Telemetry;
using Platform.Tabular;

namespace Platform.Compression.Domain;

/// <summary>
/// Runs one <see cref="CompressModel"/>: makes each variant that applies to the model's family (int8
/// for an MLP, ADR 15, ADR 22), measures it and the
/// original on the deterministic test rows of its dataset (quality, the largest probability change,
/// and latency at batch 1 and 64 in turns with the original, so the registry can refuse a variant
/// slower than its parent), stores it, and records the report and <see cref="ModelCompressed"/>
/// together. A retraining's champion is measured on the same rows too. No transaction is held
/// while measuring. The dataset is read as typed columns within the job's memory budget (ADR 20);
/// a job over it fails like any other that cannot be done.
/// </summary>
public sealed partial class CompressionJob(
    CompressionDbContext db, ContentAddressedStore store, IOptions<CompressionMemory> memory, TimeProvider clock, ILogger<CompressionJob> logger)
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
        var budget = memory.Value.NewBudget();

        byte[]? champion;
        string[] textInputs;
        try
        {
            // A champion file that cannot be read fails the job like any other: the retraining must hear back.
            champion = command.Champion is { } incumbent ? await store.ReadAllBytesAsync(incumbent, ct) : null;
            // A string input keeps its exact text even where this version holds only numbers in it
            // (a champion trained on another version may read it as categories).
            textInputs = [.. OnnxClassifier.TextInputsOf(original), .. champion is null ? [] : OnnxClassifier.TextInputsOf(champion)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(command, ex.Message, started, activity, ct);
            return;
        }

        ColumnarTable data;
        try
        {
            data = TrainingTable.Read(() => store.OpenRead(command.Dataset), command.Spec.TargetColumn, command.Spec.Seed, budget, textInputs);
        }
        catch (MemoryBudgetExceededException ex)
        {
            await FailAsync(command, ex.Message, started, activity, ct);
            return;
        }
        var request = new TrainingRequest(data, command.Spec.TargetColumn, command.Spec.PositiveClass, command.Spec.FeatureColumns, command.Spec.Seed)
        {
            Budget = budget,
        };

        // int8 rewrites a network's weight matrices: a tree ensemble has none, and logistic
        // regression's single row of weights is too small to gain (ADR 22). Such a model is still
        // measured, with the champion beside it, so the registry decides as it does for any other.
        var family = ModelFamilies.Of(original);
        var notMade = family == ModelFamilies.Mlp ? null : $"int8 is made from an MLP's weight matrices; a {family} model is served as trained";

        EvaluationReport baseline;
        byte[]? quantized = null;
        EvaluationReport? variant = null;
        double maxProbabilityDelta = 0;
        EvaluationReport? championReport;
        try
        {
            (baseline, quantized, variant, maxProbabilityDelta, championReport) = await Task.Run<(EvaluationReport, byte[]?, EvaluationReport?, double, EvaluationReport?)>(() =>
            {
                // The serving model on this version's test rows: the rows the challenger never trained on.
                var incumbentReport = champion is null ? null : ModelEvaluation.Evaluate(champion, request);
                if (notMade is not null) return (ModelEvaluation.Evaluate(original, request), null, null, 0, incumbentReport);
                var int8 = Int8Quantizer.Quantize(original);
                var evaluation = ModelEvaluation.EvaluateVariant(original, int8, request);
                return (evaluation.Parent, int8, evaluation.Variant, evaluation.MaxProbabilityDelta, incumbentReport);
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(command, ex.Message, started, activity, ct);
            return;
        }

        List<VariantReport> reports = [];
        List<CompressedVariant> variants = [];
        if (quantized is not null && variant is not null)
        {
            var stored = await store.StoreAsync(quantized, ct);
            var delta = variant.TestMetrics.RocAuc - baseline.TestMetrics.RocAuc;
            var sizeRatio = (double)quantized.Length / original.Length;
            LogCompressed(logger, command.ModelVersionId, Int8, sizeRatio, delta, maxProbabilityDelta,
                variant.LatencyBatch1Ms, baseline.LatencyBatch1Ms, variant.LatencyBatch64Ms, baseline.LatencyBatch64Ms);
            var metrics = new Dictionary<string, double>(variant.TestMetrics.ToDictionary()) { [MaxProbabilityDelta] = maxProbabilityDelta };
            reports.Add(new VariantReport
            {
                Technique = Int8,
                ModelUri = stored.Uri,
                Bytes = stored.SizeBytes,
                TestAuc = variant.TestMetrics.RocAuc,
                AucDelta = delta,
                SizeRatio = sizeRatio,
                LatencyBatch1Ms = variant.LatencyBatch1Ms,
                LatencyBatch64Ms = variant.LatencyBatch64Ms,
            });
            variants.Add(new CompressedVariant(
                Int8, stored, metrics, delta, sizeRatio,
                variant.LatencyBatch1Ms, variant.LatencyBatch64Ms, baseline.LatencyBatch1Ms, baseline.LatencyBatch64Ms));
        }
        else
        {
            LogNotMade(logger, command.ModelVersionId, notMade!);
        }

        await RecordAsync(
            new CompressionJobRecord
            {
                ModelVersionId = command.ModelVersionId, TenantId = command.TenantId, CorrelationId = command.CorrelationId,
                Succeeded = true, BaselineBytes = original.Length, BaselineAuc = baseline.TestMetrics.RocAuc,
                Variants = reports, NotMade = notMade, StartedAt = started, CompletedAt = clock.GetUtcNow(),
            },
            new ModelCompressed(command.TenantId, command.CorrelationId, command.ModelVersionId, variants, championReport?.TestMetrics.ToDictionary(), notMade), ct);
    }

    private async Task FailAsync(CompressModel command, string reason, DateTimeOffset started, Activity? activity, CancellationToken ct)
    {
        LogFailed(logger, command.ModelVersionId, reason);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        await RecordAsync(
            new CompressionJobRecord
            {
                ModelVersionId = command.ModelVersionId, TenantId = command.TenantId, CorrelationId = command.CorrelationId,
                Succeeded = false, FailureReason = reason.Length > 2000 ? reason[..2000] : reason,
                StartedAt = started, CompletedAt = clock.GetUtcNow(),
            },
            new CompressionFailed(command.TenantId, command.CorrelationId, command.ModelVersionId, reason), ct);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId}: no variant made: {Reason}")]
    private static partial void LogNotMade(ILogger logger, Guid versionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compression of model version {VersionId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid versionId, string reason);
}
