using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Inference;
using Platform.Registry.Infrastructure;

namespace Platform.Registry.Domain;

/// <summary>
/// The retraining process manager, from trigger to challenger: drift, a quality drop or new data
/// opens a <see cref="RetrainingEpisode"/> (if <see cref="RetrainingGate"/> lets it); with enough
/// labelled served rows it asks Inference to export them (<see cref="ExportLabelledRows"/>), and
/// Ingestion appends them to the champion's dataset version; the derived (or newly uploaded)
/// version trains the challenger through the <see cref="DeploymentPipeline"/>, which decides at the
/// end. Every step checks the episode is where the message expects it, and what it sends commits
/// with the state change (outbox).
/// </summary>
public sealed partial class RetrainingLoop(RegistryDbContext db, DeploymentPipeline pipeline, TimeProvider clock, ILogger<RetrainingLoop> logger)
{
    /// <summary>The most labelled rows one retraining appends (the newest are taken).</summary>
    public const int MaxExportedRows = 50_000;

    public async Task OnDriftAsync(DriftDetected drift, CancellationToken ct)
    {
        var deployment = await FindDeploymentAsync(drift.TenantId, drift.DeploymentName, ct);
        if (deployment is null || deployment.ChampionVersionId != drift.ModelVersionId) return; // about a model no longer serving
        var detail = "PSI " + string.Join(", ", drift.DriftedFeatures
            .Select(f => $"{f} {drift.PsiByFeature.GetValueOrDefault(f).ToString("F3", CultureInfo.InvariantCulture)}"))
            + $" over {drift.WindowRows} rows (threshold {drift.Threshold.ToString(CultureInfo.InvariantCulture)})";
        await TriggerAsync(deployment, RetrainingEpisode.TriggerDrift, detail, ct);
    }

    public async Task OnQualityAsync(LiveQualityMeasured quality, CancellationToken ct)
    {
        var deployment = await FindDeploymentAsync(quality.TenantId, quality.DeploymentName, ct);
        if (deployment is null || deployment.ChampionVersionId != quality.ModelVersionId) return;
        if (deployment.LiveQuality is { } known && known.ModelVersionId == quality.ModelVersionId && known.MeasuredAt > quality.MeasuredAt) return;
        deployment.LiveQuality = new LiveQualitySnapshot
        {
            ModelVersionId = quality.ModelVersionId, LabelledRows = quality.LabelledRows,
            RocAuc = quality.RocAuc, Accuracy = quality.Accuracy, MeasuredAt = quality.MeasuredAt,
        };

        var policy = await PolicyOfAsync(deployment, ct);
        var latest = await LatestEpisodeAsync(deployment, ct);
        if (latest is { State: EpisodeState.AwaitingFeedback })
        {
            if (quality.LabelledRows >= policy.MinLabelledRows) await ExportFeedbackAsync(deployment, latest, ct);
            return;
        }

        var champion = await db.ModelVersions.FirstAsync(v => v.Id == deployment.ChampionVersionId, ct);
        if (quality is { RocAuc: { } liveAuc } && quality.LabelledRows >= policy.MinLabelledRows && champion.TestAuc - liveAuc > policy.MaxQualityDrop)
        {
            var detail = $"live ROC-AUC {liveAuc:F4} on {quality.WindowRows} labelled rows, test ROC-AUC {champion.TestAuc:F4} (allowed drop {policy.MaxQualityDrop})";
            await TriggerAsync(deployment, RetrainingEpisode.TriggerQualityDrop, detail, ct);
        }
    }

    /// <summary>A new version of a serving deployment's dataset: the challenger trains on it directly.</summary>
    public async Task OnNewDataAsync(RegisteredDatasetVersion dataset, CancellationToken ct)
    {
        var serving = await db.Deployments
            .Where(d => d.TenantId == dataset.TenantId && d.DatasetName == dataset.DatasetName && d.State == DeploymentState.Serving)
            .ToListAsync(ct);
        foreach (var deployment in serving)
        {
            var latest = await LatestEpisodeAsync(deployment, ct);
            var policy = await PolicyOfAsync(deployment, ct);
            // An episode waiting for labels takes the new data instead, if the policy retrains on new data at all.
            var episode = latest is { State: EpisodeState.AwaitingFeedback } waiting && policy.OnNewData && RetrainingGate.Expired(policy, waiting, clock.GetUtcNow()) is null
                ? waiting
                : await OpenAsync(deployment, RetrainingEpisode.TriggerNewData, $"{dataset.DatasetName} v{dataset.VersionNumber}", latest, ct);
            if (episode is not null) StartChallenger(deployment, episode, dataset);
        }
    }

    /// <summary>The version derived from the champion's data and the labelled served rows has arrived.</summary>
    public async Task<bool> OnDerivedDataAsync(RegisteredDatasetVersion dataset, Guid episodeId, long appendedRows, CancellationToken ct)
    {
        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == episodeId && e.TenantId == dataset.TenantId, ct);
        if (episode is null) return false;
        if (episode.State != EpisodeState.DerivingData) return true;
        var deployment = await db.Deployments.FirstAsync(d => d.Id == episode.DeploymentId, ct);
        episode.LabelledRows = appendedRows;
        StartChallenger(deployment, episode, dataset);
        return true;
    }

    /// <summary>Ingestion could not derive the episode's data: the episode fails, and the next trigger may start another.</summary>
    public async Task OnDerivationFailedAsync(Guid tenantId, Guid episodeId, string reason, CancellationToken ct)
    {
        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == episodeId && e.TenantId == tenantId, ct);
        if (episode is not { State: EpisodeState.DerivingData }) return;
        episode.Fail($"the new dataset version could not be made: {reason}", clock.GetUtcNow());
        LogFailed(logger, episode.Id, episode.Reason!);
    }

    private async Task TriggerAsync(Deployment deployment, string trigger, string detail, CancellationToken ct)
    {
        var latest = await LatestEpisodeAsync(deployment, ct);
        var episode = await OpenAsync(deployment, trigger, detail, latest, ct);
        if (episode is null) return;
        var policy = await PolicyOfAsync(deployment, ct);
        if (deployment.LiveQuality is { } quality && quality.ModelVersionId == deployment.ChampionVersionId && quality.LabelledRows >= policy.MinLabelledRows)
            await ExportFeedbackAsync(deployment, episode, ct);
        else
            LogAwaitingFeedback(logger, deployment.Name, trigger, policy.MinLabelledRows, deployment.LiveQuality?.LabelledRows ?? 0);
    }

    private async Task<RetrainingEpisode?> OpenAsync(Deployment deployment, string trigger, string detail, RetrainingEpisode? latest, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await PolicyOfAsync(deployment, ct);
        if (RetrainingGate.Expired(policy, latest, now) is { } expired)
        {
            await GiveUpAsync(deployment, latest!, expired, now, ct);
        }
        if (RetrainingGate.Refuse(policy, deployment, latest, trigger, now) is { } refusal)
        {
            LogRefused(logger, deployment.Name, trigger, refusal);
            return null;
        }
        var champion = await db.ModelVersions.FirstAsync(v => v.Id == deployment.ChampionVersionId, ct);
        var episode = new RetrainingEpisode
        {
            TenantId = deployment.TenantId,
            DeploymentId = deployment.Id,
            Trigger = trigger,
            TriggerDetail = detail,
            State = EpisodeState.AwaitingFeedback,
            ChampionVersionId = champion.Id,
            ChampionTestAuc = champion.TestAuc,
            BaseDatasetVersionId = champion.DatasetVersionId,
            TraceId = Activity.Current?.TraceId.ToHexString(),
            StartedAt = now,
            UpdatedAt = now,
        };
        db.Episodes.Add(episode);
        // Written so that two triggers consumed at once conflict on the deployment's row version:
        // the later one is retried, finds this episode open, and starts nothing.
        deployment.UpdatedAt = now;
        LogOpened(logger, deployment.Name, trigger, detail);
        return episode;
    }

    private async Task GiveUpAsync(Deployment deployment, RetrainingEpisode episode, string reason, DateTimeOffset now, CancellationToken ct)
    {
        episode.Fail(reason, now);
        if (episode.RunId is { } runId && await db.Runs.FirstOrDefaultAsync(r => r.Id == runId && r.TenantId == deployment.TenantId, ct) is { } run)
        {
            run.Fail(reason, now);
            deployment.Finish(run, promoted: null, now); // frees the deployment; the champion keeps serving
        }
        LogFailed(logger, episode.Id, reason);
    }

    private async Task ExportFeedbackAsync(Deployment deployment, RetrainingEpisode episode, CancellationToken ct)
    {
        var baseVersion = await db.DatasetVersions.FirstAsync(v => v.TenantId == deployment.TenantId && v.DatasetVersionId == episode.BaseDatasetVersionId, ct);
        db.PublishOnCommit(new ExportLabelledRows(
            deployment.TenantId, episode.Id, deployment.Name, episode.ChampionVersionId, baseVersion.DatasetName,
            baseVersion.DatasetVersionId, deployment.Spec.TargetColumn, MaxExportedRows));
        episode.TraceId = Activity.Current?.TraceId.ToHexString() ?? episode.TraceId;
        episode.Move(EpisodeState.DerivingData, clock.GetUtcNow());
    }

    private void StartChallenger(Deployment deployment, RetrainingEpisode episode, RegisteredDatasetVersion dataset)
    {
        var now = clock.GetUtcNow();
        episode.DatasetVersionId = dataset.DatasetVersionId;
        var run = pipeline.StartRun(deployment, dataset, $"retraining-{episode.Trigger}", episode.Id);
        if (run is null)
        {
            episode.Fail("another run of the deployment was in progress", now);
            return;
        }
        episode.RunId = run.Id;
        episode.TrainingStartedAt = now;
        episode.TraceId ??= Activity.Current?.TraceId.ToHexString();
        episode.Move(EpisodeState.Training, now);
    }

    private Task<Deployment?> FindDeploymentAsync(Guid tenantId, string name, CancellationToken ct) =>
        db.Deployments.FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);

    private Task<RetrainingEpisode?> LatestEpisodeAsync(Deployment deployment, CancellationToken ct) =>
        db.Episodes.Where(e => e.TenantId == deployment.TenantId && e.DeploymentId == deployment.Id).OrderByDescending(e => e.StartedAt).FirstOrDefaultAsync(ct);

    private async Task<RetrainingPolicy> PolicyOfAsync(Deployment deployment, CancellationToken ct) =>
        await db.RetrainingPolicies.FindAsync([deployment.Id], ct) ?? RetrainingPolicy.DefaultFor(deployment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment}: retraining on {Trigger} ({Detail})")]
    private static partial void LogOpened(ILogger logger, string deployment, string trigger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retraining {EpisodeId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid episodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment}: {Trigger} starts no retraining: {Reason}")]
    private static partial void LogRefused(ILogger logger, string deployment, string trigger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment}: the {Trigger} retraining waits for {Needed} labelled rows ({Have} so far)")]
    private static partial void LogAwaitingFeedback(ILogger logger, string deployment, string trigger, int needed, long have);
}
