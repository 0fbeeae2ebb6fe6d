using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Solutions;
using Platform.Contracts.Training;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Images;
using Platform.Modeling.Privacy;
using Platform.Modeling.Text;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Telemetry;
using Platform.Tabular;
using Platform.Tabular.Images;
using Platform.Training.Extensions;
using Platform.Training.Infrastructure;

namespace Platform.Training.Domain;

/// <summary>
/// Runs one <see cref="TrainModel"/>: reads the dataset version, trains every model family and keeps
/// the one best on validation (ADR 22), exports it
/// (the Modeling library checks ONNX parity), stores the ONNX file and its drift reference, then records the run and its
/// <see cref="ModelTrained"/> in one transaction. Training holds no transaction open; a finished
/// run is found by its id, so a redelivered command does not train twice. The dataset is read as
/// typed columns within the job's memory budget (ADR 20); a job over it is a failed run, not a
/// redelivered command that would fail the same way.
/// </summary>
public sealed partial class TrainingJob(
    TrainingDbContext db, ContentAddressedStore store, IOptions<TrainingMemory> memory, IOptions<TextModelOptions> textOptions, IOptions<ImageCnnOptions> imageOptions, TimeProvider clock,
    ILogger<TrainingJob> logger)
{
    public async Task RunAsync(TrainModel command, IPublishEndpoint progressSink, CancellationToken ct)
    {
        if (await db.Runs.AnyAsync(r => r.Id == command.TrainingRunId, ct))
        {
            LogAlreadyDone(logger, command.TrainingRunId);
            return;
        }

        using var activity = PlatformTelemetry.ActivitySource.StartActivity("train model");
        activity?.SetTag("platform.training_run", command.TrainingRunId);
        activity?.SetTag("platform.dataset_version", command.DatasetVersionId);
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();

        var progress = new EpochPublisher(command, progressSink);
        FamilySelection selection;
        try
        {
            var open = () => store.OpenRead(command.TenantId, command.Dataset);
            selection = await (ImageArchive.IsArchive(open) ? TrainImages(command, open, progress, ct) : TrainTable(command, open, progress, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The data or the spec cannot be learned (no such column, one class, broken parity, over the budget): retrying would fail the same way.
            await FailAsync(command, ex.Message, started, activity, ct);
            return;
        }
        await progress.FlushAsync();
        var trained = selection.Winner;
        var candidates = selection.Candidates.Select(c => new CandidateScore(
            c.Family, c.ValidationAuc, c.TestAuc, c.FileBytes, c.TrainingTime.TotalSeconds, c.Family == trained.Family, c.CrossValidationAuc)).ToList();

        var model = await store.StoreAsync(command.TenantId, trained.OnnxModel, ct);
        var reference = await store.StoreAsync(command.TenantId, trained.Reference.ToJson(), ct);
        var metrics = new Dictionary<string, double>(trained.TestMetrics.ToDictionary());
        if (DifferentialPrivacyRecord.Of(trained.OnnxModel) is { } guarantee)
            foreach (var (key, value) in guarantee.Metrics()) metrics[key] = value;
        activity?.SetTag("platform.test_quality", trained.TestMetrics.Quality);
        activity?.SetTag("platform.model_family", trained.Family);
        foreach (var candidate in candidates) LogCandidate(logger, command.TrainingRunId, candidate.Family, candidate.ValidationAuc, candidate.TestAuc, candidate.TrainingSeconds);
        LogTrained(logger, command.TrainingRunId, trained.Family, trained.TestMetrics.Quality, trained.Epochs, stopwatch.Elapsed.TotalSeconds, model.SizeBytes);

        var run = new TrainingRun
        {
            Id = command.TrainingRunId,
            TenantId = command.TenantId,
            CorrelationId = command.CorrelationId,
            DatasetVersionId = command.DatasetVersionId,
            TargetColumn = command.Spec.TargetColumn,
            PositiveClass = command.Spec.PositiveClass,
            Succeeded = true,
            ModelUri = model.Uri,
            ModelSha256 = model.Sha256,
            ModelBytes = model.SizeBytes,
            Metrics = new Dictionary<string, double>(metrics),
            Epochs = trained.Epochs,
            Family = trained.Family,
            Candidates = [.. candidates.Select(FamilyCandidate.From)],
            TrainRows = trained.TrainRows,
            ValidationRows = trained.ValidationRows,
            TestRows = trained.TestRows,
            ParityMaxAbsDelta = trained.ParityMaxAbsDelta,
            DurationSeconds = stopwatch.Elapsed.TotalSeconds,
            StartedAt = started,
            CompletedAt = clock.GetUtcNow(),
        };
        await RecordAsync(run, new ModelTrained(
            command.TenantId, command.CorrelationId, command.TrainingRunId, command.DatasetVersionId, command.Spec, model, metrics,
            reference, trained.FeatureImportance, trained.Family, candidates, trained.BaseModel), ct);
    }

    /// <summary>A table read as typed columns within the job's budget (ADR 20), every family that fits it trained and the best on validation kept (ADR 22).</summary>
    private async Task<FamilySelection> TrainTable(TrainModel command, Func<Stream> open, EpochPublisher progress, CancellationToken ct)
    {
        var budget = memory.Value.NewBudget();
        var data = TrainingTable.Read(open, command.Spec.TargetColumn, command.Spec.Seed, budget);
        LogRead(logger, command.TrainingRunId, data.RowCount, data.Columns.Count, MemoryBudget.InMebibytes(data.Bytes), MemoryBudget.InMebibytes(budget.Bytes));

        var request = new TrainingRequest(data, command.Spec.TargetColumn, command.Spec.PositiveClass, command.Spec.FeatureColumns, command.Spec.Seed)
        {
            Budget = budget,
            Regression = command.Spec.Task == SolutionTemplates.Regression,
        };
        var (families, text) = FamilyMenu.For(data, command.Spec, textOptions.Value);
        // A fine-tuned encoder is chosen on the validation rows: k more fine-tunings would cost minutes each (ADR 32).
        var crossValidation = text is not null ? new CrossValidationOptions { Folds = 0 } : null;
        return await Task.Run(() => new FamilySelectionTrainer(families, crossValidation: crossValidation).Train(request, progress, ct), ct);
    }

    /// <summary>An image archive decoded at its one shape (ADR 34) and learned by the image CNN, the one family for images.</summary>
    private async Task<FamilySelection> TrainImages(TrainModel command, Func<Stream> open, EpochPublisher progress, CancellationToken ct)
    {
        FamilyMenu.ForImages(command.Spec);
        var images = await Task.Run(() => ImageArchive.Read(open, ImageLimits.Validated, ct), ct);
        var bytes = (long)images.Pixels.Length;
        var budget = memory.Value.NewBudget();
        if (bytes * ImagesInMemory > budget.Bytes)
            throw new MemoryBudgetExceededException(
                $"{images.Count:N0} images of {images.Shape} need about {MemoryBudget.InMebibytes(bytes * ImagesInMemory)} to train (the pixels, their partitions and batches); the training budget is {MemoryBudget.InMebibytes(budget.Bytes)}.",
                budget.Bytes, $"{TrainingMemory.Section}:MemoryBudgetMiB");
        LogImages(logger, command.TrainingRunId, images.Count, images.Shape.ToString(), MemoryBudget.InMebibytes(bytes));
        return await Task.Run(() => ImageClassifierTrainer.Train(images, command.Spec.Seed, imageOptions.Value, progress, ct), ct);
    }

    // The decoded set, its copies by partition, and the float batches beside them.
    private const int ImagesInMemory = 3;

    /// <summary>The feature column of prose (<see cref="FreeText.IsProse"/>), if any; of several, the longest on average.</summary>
    private async Task FailAsync(TrainModel command, string reason, DateTimeOffset started, Activity? activity, CancellationToken ct)
    {
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        LogFailed(logger, command.TrainingRunId, reason);
        await RecordAsync(Failed(command, reason, started), new TrainingFailed(command.TenantId, command.CorrelationId, command.TrainingRunId, reason), ct);
    }

    private async Task RecordAsync<TEvent>(TrainingRun run, TEvent outcome, CancellationToken ct) where TEvent : class
    {
        db.Runs.Add(run);
        db.PublishOnCommit(outcome);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A redelivered copy finished first and published the outcome; this one adds nothing.
            if (!await IsRecordedAsync(run.Id, ct)) throw;
            LogAlreadyDone(logger, run.Id);
        }
    }

    private async Task<bool> IsRecordedAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Runs.AnyAsync(r => r.Id == id, ct);
    }

    private TrainingRun Failed(TrainModel command, string reason, DateTimeOffset started) => new()
    {
        Id = command.TrainingRunId,
        TenantId = command.TenantId,
        CorrelationId = command.CorrelationId,
        DatasetVersionId = command.DatasetVersionId,
        TargetColumn = command.Spec.TargetColumn,
        PositiveClass = command.Spec.PositiveClass,
        Succeeded = false,
        FailureReason = reason.Length > 2000 ? reason[..2000] : reason,
        StartedAt = started,
        CompletedAt = clock.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} was already recorded; nothing to do")]
    private static partial void LogAlreadyDone(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId}: {Rows} rows × {Columns} columns read as typed columns, {Size} of a {Budget} budget")]
    private static partial void LogRead(ILogger logger, Guid runId, int rows, int columns, string size, string budget);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId}: {Images} images of {Shape} decoded, {Size}")]
    private static partial void LogImages(ILogger logger, Guid runId, int images, string shape, string size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId}: {Family} validation quality {ValidationAuc:F4}, test quality {TestAuc:F4} (ROC-AUC, or R² for regression), trained in {Seconds:F1} s")]
    private static partial void LogCandidate(ILogger logger, Guid runId, string family, double validationAuc, double testAuc, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId}: {Family} chosen, test quality {Auc:F4} after {Epochs} iterations in {Seconds:F1} s, model {Bytes} bytes")]
    private static partial void LogTrained(ILogger logger, Guid runId, string family, double auc, int epochs, double seconds, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid runId, string reason);
}
