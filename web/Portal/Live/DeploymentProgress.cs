using Platform.Contracts;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Compression;
using Platform.Contracts.Datasets;
using Platform.Contracts.Inference;
using Platform.Contracts.Registry;
using Platform.Contracts.Solutions;
using Platform.Contracts.Training;
using Platform.Portal.Services;

namespace Platform.Portal.Live;

public enum StepState { Pending, Active, Done, Failed }

public enum ProgressStep { Ingested, Training, Compressed, Promoted, Live }

/// <summary>What an event did to a page's progress view.</summary>
public enum ProgressChange { None, Updated, NeedsRefresh }

/// <summary>
/// A deployment's latest run as the progress view shows it: data ingested → training (with its
/// epochs) → compressed → promoted → live. It starts from the services' state when the page opens
/// and moves forward with their events; a step never moves back within a run, so an event that
/// overtook the registry's own bookkeeping is not undone by a refresh.
/// </summary>
public sealed class DeploymentProgress
{
    private readonly StepState[] _states = new StepState[Enum.GetValues<ProgressStep>().Length];
    private readonly string?[] _details = new string?[Enum.GetValues<ProgressStep>().Length];
    private readonly SortedDictionary<int, RunEpochResponse> _epochs = [];
    // Runs this view asked the services about once already while it waited for a new run.
    private readonly HashSet<Guid> _unknownRunsLookedUp = [];
    private bool _expectingRun;

    private DeploymentProgress(string deployment, string dataset) => (Deployment, Dataset) = (deployment, dataset);

    public string Deployment { get; }
    public string Dataset { get; }
    public Guid? RunId { get; private set; }
    public Guid? PromotedVersionId { get; private set; }
    public string? Failure { get; private set; }
    /// <summary>Said when something went wrong that did not stop the deployment (compression failed, the uncompressed model serves).</summary>
    public string? Warning { get; private set; }
    public IReadOnlyCollection<RunEpochResponse> Epochs => _epochs.Values;

    public StepState this[ProgressStep step] => _states[(int)step];
    public string? DetailOf(ProgressStep step) => _details[(int)step];
    public bool IsLive => this[ProgressStep.Live] == StepState.Done;
    public bool HasFailed => Failure is not null;

    public static DeploymentProgress From(DeploymentDetail detail, IEnumerable<RunEpochResponse> epochs, ServedDeploymentResponse? served)
    {
        var progress = new DeploymentProgress(detail.Deployment.Name, detail.Deployment.Dataset);
        var run = ShownRun(detail);
        if (run is null)
        {
            progress.Set(ProgressStep.Ingested, StepState.Active, "waiting for a version of the dataset");
            progress._expectingRun = true;
            return progress;
        }

        progress.RunId = run.Id;
        progress.PromotedVersionId = run.PromotedVersionId;
        progress.Set(ProgressStep.Ingested, StepState.Done, null);
        foreach (var epoch in epochs) progress._epochs[epoch.Epoch] = epoch;
        switch (run.State)
        {
            case "Training":
                progress.Set(ProgressStep.Training, StepState.Active, run.Epoch > 0 ? $"epoch {run.Epoch}" : "starting");
                break;
            case "Compressing":
                progress.Set(ProgressStep.Training, StepState.Done, null);
                progress.Set(ProgressStep.Compressed, StepState.Active, null);
                break;
            case "Promoted":
                progress.Set(ProgressStep.Training, StepState.Done, null);
                progress.Set(ProgressStep.Compressed, StepState.Done, null);
                progress.Set(ProgressStep.Promoted, StepState.Done, detail.Champion is { } c && c.Id == run.PromotedVersionId ? $"v{c.Number} ({c.Technique})" : null);
                progress.Warning = run.Reason;
                var live = served is { Loaded: true } && served.ModelVersionId == run.PromotedVersionId;
                progress.Set(ProgressStep.Live, live ? StepState.Done : StepState.Active, live ? null : "loading the model");
                break;
            case "Failed":
                var failedStep = run.BaseVersionId is null ? ProgressStep.Training : ProgressStep.Compressed;
                if (failedStep == ProgressStep.Compressed) progress.Set(ProgressStep.Training, StepState.Done, null);
                progress.Set(failedStep, StepState.Failed, "failed: see below");
                progress.Failure = run.Reason ?? "the run failed";
                break;
        }
        return progress;
    }

    /// <summary>
    /// The run the progress view follows: the newest, except a retraining's challenger that has not
    /// won (still training, rejected or failed), while the champion it challenges keeps serving; the
    /// retraining history tells its story, and the endpoint stays what it is.
    /// </summary>
    public static RunResponse? ShownRun(DeploymentDetail detail)
    {
        var runs = detail.Runs.OrderByDescending(r => r.StartedAt).ToArray();
        if (detail.Champion is { } champion && runs.FirstOrDefault(r => r.Id == champion.RunId) is { } championRun)
            return runs.FirstOrDefault(r => !IsChallenger(r) || r.State == "Promoted" || r.StartedAt <= championRun.StartedAt) ?? championRun;
        return runs.FirstOrDefault();
    }

    private static bool IsChallenger(RunResponse run) => run.Trigger.StartsWith("retraining", StringComparison.Ordinal);

    /// <summary>Takes a fresher reading of the services: a new run replaces this one; the same run only moves forward.</summary>
    public DeploymentProgress Merge(DeploymentProgress fresh)
    {
        if (fresh.RunId != RunId) return fresh;
        for (var i = 0; i < _states.Length; i++)
        {
            if (fresh._states[i] < _states[i]) continue;
            _states[i] = fresh._states[i];
            _details[i] = fresh._details[i] ?? _details[i];
        }
        foreach (var (epoch, point) in fresh._epochs) _epochs[epoch] = point;
        PromotedVersionId ??= fresh.PromotedVersionId;
        Failure ??= fresh.Failure;
        Warning ??= fresh.Warning;
        return this;
    }

    public ProgressChange Apply(IPlatformMessage message)
    {
        switch (message)
        {
            case DatasetVersionCreated created when created.DatasetName == Dataset:
                // New data starts a new run once the registry has taken it: the run's first events tell when.
                _expectingRun = true;
                return ProgressChange.NeedsRefresh;
            case ModelLoaded loaded when loaded.DeploymentName == Deployment:
                if (loaded.CorrelationId != RunId) return ProgressChange.None;
                Set(ProgressStep.Live, StepState.Done, null);
                return ProgressChange.NeedsRefresh;
            case ModelPromoted promoted when promoted.DeploymentName == Deployment:
                if (promoted.CorrelationId != RunId) return ProgressChange.NeedsRefresh;
                PromotedVersionId = promoted.ModelVersionId;
                Advance(ProgressStep.Promoted, StepState.Done, null);
                Advance(ProgressStep.Live, StepState.Active, "loading the model");
                return ProgressChange.NeedsRefresh;
        }

        if (message.CorrelationId != RunId)
        {
            // Another deployment's run, or the new run this view waits for: ask the services once per run to tell which.
            return _expectingRun && (message is TrainingProgressed or ModelTrained or TrainingFailed) && _unknownRunsLookedUp.Add(message.CorrelationId)
                ? ProgressChange.NeedsRefresh
                : ProgressChange.None;
        }

        switch (message)
        {
            case TrainingProgressed progressed:
                // The registry's own record time is unknown here; when the portal heard of it is close, and the chart does not plot it.
                _epochs[progressed.Epoch] = new RunEpochResponse(
                    progressed.Epoch, progressed.TrainLoss, progressed.ValidationLoss, progressed.ValidationMetric, DateTimeOffset.UtcNow);
                Advance(ProgressStep.Training, StepState.Active, $"epoch {progressed.Epoch}");
                return ProgressChange.Updated;
            case ModelTrained trained:
                var metric = SolutionTemplates.QualityMetric(trained.Spec.Task);
                var quality = trained.Metrics.TryGetValue(metric, out var value) ? $"test {MetricDisplay.Name(metric)} {value:F3}" : null;
                Advance(ProgressStep.Training, StepState.Done, quality);
                Advance(ProgressStep.Compressed, StepState.Active, "quantizing to int8");
                return ProgressChange.Updated;
            case TrainingFailed failed:
                Advance(ProgressStep.Training, StepState.Failed, "failed: see below");
                Failure = failed.Reason;
                return ProgressChange.Updated;
            case ModelCompressed compressed:
                Advance(ProgressStep.Compressed, StepState.Done, string.Join(", ", compressed.Variants.Select(v => $"{v.Technique} at {v.SizeRatio:P0} of the size")));
                Advance(ProgressStep.Promoted, StepState.Active, null);
                return ProgressChange.Updated;
            case CompressionFailed failed:
                Advance(ProgressStep.Compressed, StepState.Done, "not compressed");
                Warning = $"Compression failed, the uncompressed model serves: {failed.Reason}";
                Advance(ProgressStep.Promoted, StepState.Active, null);
                return ProgressChange.Updated;
            default:
                return ProgressChange.None;
        }
    }

    private void Advance(ProgressStep step, StepState state, string? detail)
    {
        if (state < _states[(int)step]) return;
        Set(step, state, detail ?? _details[(int)step]);
    }

    private void Set(ProgressStep step, StepState state, string? detail)
    {
        _states[(int)step] = state;
        _details[(int)step] = detail;
    }
}
