using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Compression.Infrastructure;
using Platform.Compression.Extensions;
using Platform.Contracts.Compression;
using Platform.Contracts.Solutions;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Images;
using Platform.Modeling.Onnx;
using Platform.Modeling.Privacy;
using Platform.Modeling.Text;
using Platform.Modeling.Training;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Telemetry;
using Platform.Tabular;
using Platform.Tabular.Images;

namespace Platform.Compression.Domain;

/// <summary>
/// Runs one <see cref="CompressModel"/>: makes each variant that applies to the model's family (int8
/// and pruned for an MLP, ADR 15, ADR 22, ADR 26; a distilled student for any, ADR 24; int8 and a
/// half-width student, pruned or distilled, for an image CNN, ADR 35), measures it and the
/// original on the deterministic test rows of its dataset (quality, the largest probability change,
/// and latency at batch 1 and 64 in turns with the original, so the registry can refuse a variant
/// slower than its parent), stores it, and records the report and <see cref="ModelCompressed"/>
/// together. A retraining's champion is measured on the same rows too. No transaction is held
/// while measuring. The dataset is read as typed columns within the job's memory budget (ADR 20);
/// a job over it fails like any other that cannot be done.
/// </summary>
public sealed partial class CompressionJob(
    CompressionDbContext db, ContentAddressedStore store, IOptions<CompressionMemory> memory, IOptions<ImageCnnOptions> imageOptions, TimeProvider clock, ILogger<CompressionJob> logger)
{
    public const string Int8 = "int8";
    public const string Distilled = "distilled";
    public const string Pruned = "pruned";

    /// <summary>The variant's metric: the largest |p(variant) − p(original)| of the positive class over the test rows.</summary>
    public const string MaxProbabilityDelta = "maxProbabilityDelta";

    /// <summary>A regression variant's: the largest |value(variant) − value(original)| over the test rows, in the target's units.</summary>
    public const string MaxValueDelta = "maxValueDelta";

    public async Task RunAsync(CompressModel command, CancellationToken ct)
    {
        if (await db.Jobs.AnyAsync(j => j.ModelVersionId == command.ModelVersionId, ct)) return;

        using var activity = PlatformTelemetry.ActivitySource.StartActivity("compress model");
        activity?.SetTag("platform.model_version", command.ModelVersionId);
        var started = clock.GetUtcNow();

        var original = await store.ReadAllBytesAsync(command.TenantId, command.Model, ct);
        var budget = memory.Value.NewBudget();

        byte[]? champion;
        string[] textInputs;
        try
        {
            // A champion file that cannot be read fails the job like any other: the retraining must hear back.
            champion = command.Champion is { } incumbent ? await store.ReadAllBytesAsync(command.TenantId, incumbent, ct) : null;
            // A string input keeps its exact text even where this version holds only numbers in it
            // (a champion trained on another version may read it as categories).
            textInputs = [.. OnnxClassifier.TextInputsOf(original), .. champion is null ? [] : OnnxClassifier.TextInputsOf(champion)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(command, ex.Message, started, activity, ct);
            return;
        }

        List<MadeVariant> made;
        List<string> notMade;
        EvaluationReport baseline;
        EvaluationReport? championReport;
        try
        {
            var open = () => store.OpenRead(command.TenantId, command.Dataset);
            (made, notMade, baseline, championReport) = ImageArchive.IsArchive(open)
                ? await Task.Run(() => MakeImageVariants(original, champion, open, command.Spec.Seed, ct), ct)
                : await Task.Run(() => MakeVariants(original, champion, TableRequest(command, open, textInputs, budget), ct), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Over the memory budget, unreadable data, a variant that cannot be measured: retrying would fail the same way.
            await FailAsync(command, ex.Message, started, activity, ct);
            return;
        }
        var regression = command.Spec.Task == SolutionTemplates.Regression;

        List<VariantReport> reports = [];
        List<CompressedVariant> variants = [];
        foreach (var (technique, file, evaluation) in made)
        {
            var (parent, variant) = (evaluation.Parent, evaluation.Variant);
            var stored = await store.StoreAsync(command.TenantId, file, ct);
            // The task's quality: ROC-AUC, or R² for a regression (ADR 31).
            var delta = variant.TestMetrics.Quality - parent.TestMetrics.Quality;
            var sizeRatio = (double)file.Length / original.Length;
            LogCompressed(logger, command.ModelVersionId, technique, sizeRatio, delta, evaluation.MaxProbabilityDelta,
                variant.LatencyBatch1Ms, parent.LatencyBatch1Ms, variant.LatencyBatch64Ms, parent.LatencyBatch64Ms);
            var metrics = new Dictionary<string, double>(variant.TestMetrics.ToDictionary())
            {
                [regression ? MaxValueDelta : MaxProbabilityDelta] = evaluation.MaxProbabilityDelta,
            };
            // int8 of a private model is post-processing: it keeps the guarantee its file carries.
            if (DifferentialPrivacyRecord.Of(file) is { } guarantee)
                foreach (var (key, value) in guarantee.Metrics()) metrics[key] = value;
            reports.Add(new VariantReport
            {
                Technique = technique,
                ModelUri = stored.Uri,
                Bytes = stored.SizeBytes,
                TestAuc = variant.TestMetrics.Quality,
                AucDelta = delta,
                SizeRatio = sizeRatio,
                LatencyBatch1Ms = variant.LatencyBatch1Ms,
                LatencyBatch64Ms = variant.LatencyBatch64Ms,
            });
            variants.Add(new CompressedVariant(
                technique, stored, metrics, delta, sizeRatio,
                variant.LatencyBatch1Ms, variant.LatencyBatch64Ms, parent.LatencyBatch1Ms, parent.LatencyBatch64Ms, ModelFamilies.Of(file)));
        }
        var why = notMade.Count == 0 ? null : string.Join("; ", notMade);
        if (why is not null) LogNotMade(logger, command.ModelVersionId, why);

        await RecordAsync(
            new CompressionJobRecord
            {
                ModelVersionId = command.ModelVersionId, TenantId = command.TenantId, CorrelationId = command.CorrelationId,
                Succeeded = true, BaselineBytes = original.Length, BaselineAuc = baseline.TestMetrics.Quality,
                Variants = reports, NotMade = why, StartedAt = started, CompletedAt = clock.GetUtcNow(),
            },
            new ModelCompressed(command.TenantId, command.CorrelationId, command.ModelVersionId, variants, championReport?.TestMetrics.ToDictionary(), why), ct);
    }

    /// <summary>The dataset version as typed columns within the job's budget (ADR 20), labelled as the model was trained.</summary>
    private static TrainingRequest TableRequest(CompressModel command, Func<Stream> open, string[] textInputs, MemoryBudget budget)
    {
        var data = TrainingTable.Read(open, command.Spec.TargetColumn, command.Spec.Seed, budget, textInputs);
        return new TrainingRequest(data, command.Spec.TargetColumn, command.Spec.PositiveClass, command.Spec.FeatureColumns, command.Spec.Seed)
        {
            Budget = budget,
            Regression = command.Spec.Task == SolutionTemplates.Regression,
        };
    }

    /// <summary>
    /// An image CNN's menu (ADR 35): int8 of its dense layers (their Gemms compute in integers) and
    /// of its second convolution (statically quantized on ranges seen on train images; the first, of
    /// one channel, stays float), 0.3 of its channels and hidden units pruned and the rest fine-tuned,
    /// and a distilled student of the pruned network's widths. Each is measured against
    /// the original on the test images its training kept out, as a table's variants are on its test rows.
    /// </summary>
    private (List<MadeVariant>, List<string>, EvaluationReport, EvaluationReport?) MakeImageVariants(
        byte[] original, byte[]? champion, Func<Stream> open, int seed, CancellationToken ct)
    {
        var set = ImageArchive.Read(open, ImageLimits.Validated, ct);
        var data = ImagePartitions.Of(set, seed);
        var classes = data.Classes.Length;
        var incumbent = champion is null ? null : ImageEvaluation.Evaluate(champion, data.Test, classes);
        var parentScores = ImageClassifierTrainer.Score(original, data.Test);
        List<MadeVariant> made = [];
        List<string> notMade = [];
        foreach (var (technique, make) in new (string, Func<byte[]>)[]
        {
            (Int8, () => Int8Quantizer.Quantize(original, ranges: ImageCalibration.Of(original, data.Train))),
            (Pruned, () => ImagePruner.Prune(original, data, imageOptions.Value, seed, ct)),
            (Distilled, () => ImageDistiller.Distill(original, data, imageOptions.Value, seed, ct)),
        })
        {
            try
            {
                var file = make();
                made.Add(new MadeVariant(technique, file, ImageEvaluation.EvaluateVariant(original, file, data.Test, classes, parentScores)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                notMade.Add($"no {technique} variant: {ex.Message}");
            }
        }
        var baseline = made.Count > 0 ? made[0].Evaluation.Parent : ImageEvaluation.Evaluate(original, data.Test, classes);
        return (made, notMade, baseline, incumbent);
    }

    /// <summary>
    /// The menu (ADR 24, ADR 26): int8 and pruning for an MLP (they rewrite a network's weight
    /// matrices and hidden neurons: logistic regression has no hidden layer and one row too small to
    /// gain; ADR 22), pruning for a tree ensemble (its first trees kept), neither for a blend of the
    /// two, and a distilled student for every family. Each
    /// is measured against the original on the same test rows. A pruned network or a student that
    /// cannot be made (over the memory budget, say) is noted, not a failed job: the others and the
    /// original still serve. The champion, if sent, is measured on the same rows.
    /// </summary>
    private static (List<MadeVariant>, List<string>, EvaluationReport, EvaluationReport?) MakeVariants(
        byte[] original, byte[]? champion, TrainingRequest request, CancellationToken ct)
    {
        // The serving model on this version's test rows: the rows the challenger never trained on.
        var incumbent = champion is null ? null : ModelEvaluation.Evaluate(champion, request);
        List<MadeVariant> made = [];
        float[]? parentScores = null;
        List<string> notMade = [];
        var family = ModelFamilies.Of(original);
        if (DifferentialPrivacyRecord.Of(original) is { } guarantee)
        {
            // Post-processing keeps a DP guarantee; training on the protected rows again does not:
            // int8 only (ADR 28).
            var int8 = Int8Quantizer.Quantize(original);
            made.Add(new MadeVariant(Int8, int8, Measure(int8)));
            notMade.Add($"pruning and distillation would train on the protected rows without noise and void the model's (ε = {guarantee.Epsilon:0.##}, δ = {guarantee.Delta:0.#####})-DP guarantee");
            return (made, notMade, made[0].Evaluation.Parent, incumbent);
        }
        if (family == ModelFamilies.Mlp)
        {
            var int8 = Int8Quantizer.Quantize(original);
            made.Add(new MadeVariant(Int8, int8, Measure(int8)));
            TryMake(Pruned, () => Pruner.Prune(original, request, ct: ct), "no pruned network");
        }
        else if (family == ModelFamilies.FineTunedEncoder)
        {
            // A fine-tuned transformer: its MatMuls compute in int8 and its embedding tables are stored
            // as int8; its student is a small convolutional network over the same token ids (ADR 32),
            // not the tabular student, which would read each review as a category.
            var int8 = Int8Quantizer.Quantize(original);
            made.Add(new MadeVariant(Int8, int8, Measure(int8)));
            notMade.Add($"pruning removes an MLP's hidden neurons or a tree ensemble's last trees; a {family} model is neither");
            // The int8 twin labels the student's texts: the same held-out ROC-AUC, 2.4 times faster,
            // minutes of the run (ADR 32); the student starts from the fp32 teacher's embeddings.
            TryMake(Distilled, () => TextDistiller.Distill(original, request, ct: ct, labeller: int8), "no distilled student");
            return (made, notMade, made[0].Evaluation.Parent, incumbent);
        }
        else if (family == ModelFamilies.TextCnn)
        {
            // A text CNN won over the fine-tuned encoder: it is already the small model a text model is
            // distilled into, and int8 of its convolutions is not built (ADR 32).
            notMade.Add($"int8 is made from an MLP's or a transformer's weight matrices; a {family} model is neither");
            notMade.Add($"pruning removes an MLP's hidden neurons or a tree ensemble's last trees; a {family} model is neither");
            notMade.Add($"a {family} model is the small student a text model is distilled into");
            return (made, notMade, ModelEvaluation.Evaluate(original, request), incumbent);
        }
        else if (family == ModelFamilies.BoostedTrees)
        {
            notMade.Add($"int8 is made from an MLP's weight matrices; a {family} model is not an MLP");
            TryMake(Pruned, () => TreePruner.Prune(original, request, ct: ct), "no pruned ensemble");
        }
        else
        {
            // A blend holds an MLP, but beside trees that would be served unchanged: its student is the small model.
            notMade.Add($"int8 is made from an MLP's weight matrices; a {family} model is not an MLP");
            notMade.Add($"pruning removes an MLP's hidden neurons or a tree ensemble's last trees; a {family} model is neither");
        }
        TryMake(Distilled, () => Distiller.Distill(original, request, ct: ct), "no distilled student");
        var baseline = made.Count > 0 ? made[0].Evaluation.Parent : ModelEvaluation.Evaluate(original, request);
        return (made, notMade, baseline, incumbent);

        // The original is scored on the test rows once, whatever the number of variants compared with it.
        VariantEvaluation Measure(byte[] file)
        {
            parentScores ??= ModelEvaluation.TestScores(original, request);
            return ModelEvaluation.EvaluateVariant(original, file, request, parentScores: parentScores);
        }

        void TryMake(string technique, Func<byte[]> make, string failure)
        {
            try
            {
                var file = make();
                made.Add(new MadeVariant(technique, file, Measure(file)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                notMade.Add($"{failure}: {ex.Message}");
            }
        }
    }

    private sealed record MadeVariant(string Technique, byte[] File, VariantEvaluation Evaluation);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId}: {Technique} is {Ratio:P0} of the size, quality (ROC-AUC or R²) {Delta:+0.0000;-0.0000}, max |Δ score| {MaxProbabilityDelta:F4}, latency at batch 1 {Latency1:F4} ms (parent {Baseline1:F4} ms), at batch 64 {Latency64:F4} ms (parent {Baseline64:F4} ms)")]
    private static partial void LogCompressed(ILogger logger, Guid versionId, string technique, double ratio, double delta, double maxProbabilityDelta,
        double latency1, double baseline1, double latency64, double baseline64);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {VersionId}: no variant made: {Reason}")]
    private static partial void LogNotMade(ILogger logger, Guid versionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compression of model version {VersionId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid versionId, string reason);
}
