using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Compression;
using Platform.Contracts.Datasets;
using Platform.Contracts.Registry;
using Platform.Contracts.Training;
using Platform.Registry.Infrastructure;

namespace Platform.Registry.Domain;

/// <summary>
/// The deployment process manager: data → <see cref="TrainModel"/> → <see cref="CompressModel"/> →
/// promotion, or, for a retraining's challenger, the decision against the champion. Its state is the <see cref="PipelineRun"/> row; each step checks the run is where the
/// message expects it, so a redelivered or late message changes nothing, and the commands and
/// events it sends are committed with the state change (outbox).
/// </summary>
public sealed partial class DeploymentPipeline(RegistryDbContext db, TimeProvider clock, ILogger<DeploymentPipeline> logger)
{
    public const string TriggerDeploymentCreated = "deployment-created";
    public const string TriggerNewData = "new-data";

    /// <summary>Starts a run for every deployment of this dataset that is waiting for data.</summary>
    public async Task StartRunsForAsync(RegisteredDatasetVersion dataset, CancellationToken ct)
    {
        var waiting = await db.Deployments
            .Where(d => d.TenantId == dataset.TenantId && d.DatasetName == dataset.DatasetName && d.ActiveRunId == null)
            .Where(d => d.State == DeploymentState.AwaitingData || d.State == DeploymentState.Failed)
            .ToListAsync(ct);
        foreach (var deployment in waiting) StartRun(deployment, dataset, TriggerNewData);
    }

    /// <summary>
    /// Starts a run on a dataset version. Raw data with personal data to treat (ADR 30) goes to
    /// Ingestion first (<see cref="TreatDataset"/>, correlated by the run); the run trains on the
    /// treated version when it arrives (<see cref="OnTreatedAsync"/>). Treated data trains at once.
    /// </summary>
    public PipelineRun? StartRun(Deployment deployment, RegisteredDatasetVersion dataset, string trigger, Guid? episodeId = null)
    {
        var plan = dataset.TreatmentJson is null ? deployment.PlanFor(dataset) : [];
        var treating = plan.Any(t => TreatmentActions.Changes(t.Action));
        var run = deployment.StartRun(dataset, trigger, clock.GetUtcNow(), episodeId, treating);
        if (run is null) return null;
        db.Runs.Add(run);
        LogRunStarted(logger, run.Id, deployment.Name, dataset.DatasetName, dataset.VersionNumber);
        if (treating)
        {
            db.PublishOnCommit(new TreatDataset(run.TenantId, run.Id, dataset.DatasetName, dataset.DatasetVersionId, plan));
            LogTreating(logger, run.Id, string.Join(", ", plan.Select(t => $"{t.Column}: {t.Action}")));
            return run;
        }
        Train(run, deployment, dataset);
        return run;
    }

    private void Train(PipelineRun run, Deployment deployment, RegisteredDatasetVersion dataset)
    {
        var spec = deployment.Spec.ToContract();
        // A dropped column is no longer in the data: a feature list naming it would fail the training.
        var dropped = dataset.Treatment?.Where(t => t.Action == TreatmentActions.Drop).Select(t => t.Column).ToHashSet() ?? [];
        if (spec.FeatureColumns is { } features && dropped.Count > 0) spec = spec with { FeatureColumns = [.. features.Where(f => !dropped.Contains(f))] };
        db.PublishOnCommit(new TrainModel(run.TenantId, run.Id, run.Id, dataset.DatasetVersionId, dataset.Artifact, spec));
    }

    /// <summary>The treated version a run asked for: the run trains on it. False when no run waits for it.</summary>
    public async Task<bool> OnTreatedAsync(RegisteredDatasetVersion treated, Guid runId, CancellationToken ct)
    {
        var run = await FindRunAsync(treated.TenantId, runId, ct);
        if (run is null) return false;
        if (run.State != RunState.Treating) return true; // a redelivered answer
        var deployment = await db.Deployments.SingleAsync(d => d.Id == run.DeploymentId, ct);
        run.DatasetVersionId = treated.DatasetVersionId;
        run.Advance(RunState.Treating, RunState.Training, clock.GetUtcNow());
        Train(run, deployment, treated);
        return true;
    }

    /// <summary>Ingestion could not treat a run's data: the run fails with its reason (and a retraining's episode with it).</summary>
    public async Task OnTreatmentFailedAsync(Guid tenantId, Guid runId, string reason, CancellationToken ct)
    {
        var run = await FindRunAsync(tenantId, runId, ct);
        if (run is not { State: RunState.Treating }) return;
        var now = clock.GetUtcNow();
        var why = $"the personal data could not be treated: {reason}";
        run.Fail(why, now);
        var deployment = await db.Deployments.SingleAsync(d => d.Id == run.DeploymentId, ct);
        deployment.Finish(run, promoted: null, now);
        if (await EpisodeOfAsync(run, ct) is { } episode) episode.Fail(why, now);
        LogRunFailed(logger, run.Id, deployment.Name, why);
    }

    public async Task RecordProgressAsync(TrainingProgressed progress, CancellationToken ct)
    {
        var run = await FindRunAsync(progress.TenantId, progress.CorrelationId, ct);
        if (run is null) return;
        // The inbox drops a redelivered message, not a second report of an epoch (a restarted
        // training reports its epochs again): the first report of an epoch is the one kept.
        if (await db.RunEpochs.AnyAsync(e => e.RunId == run.Id && e.Epoch == progress.Epoch, ct)) return;
        db.RunEpochs.Add(run.RecordEpoch(progress.Epoch, progress.TrainLoss, progress.ValidationLoss, progress.ValidationMetric, clock.GetUtcNow()));
    }

    public async Task RecordTrainedAsync(ModelTrained trained, CancellationToken ct)
    {
        var run = await FindRunAsync(trained.TenantId, trained.CorrelationId, ct);
        if (run is null || !run.Advance(RunState.Training, RunState.Compressing, clock.GetUtcNow())) return;
        var deployment = await db.Deployments.SingleAsync(d => d.Id == run.DeploymentId, ct);

        var version = deployment.RegisterVersion(new ModelVersion
        {
            TenantId = run.TenantId,
            DeploymentId = deployment.Id,
            Technique = "fp32",
            Family = trained.Family ?? "mlp",
            BaseModel = trained.BaseModel,
            Candidates = trained.Candidates is { } scores ? [.. scores.Select(FamilyCandidate.From)] : [],
            DatasetVersionId = trained.DatasetVersionId,
            RunId = run.Id,
            Spec = SpecColumns.From(trained.Spec),
            ArtifactUri = trained.Model.Uri,
            ArtifactSha256 = trained.Model.Sha256,
            SizeBytes = trained.Model.SizeBytes,
            Metrics = new Dictionary<string, double>(trained.Metrics),
            TestAuc = trained.Metrics.GetValueOrDefault(PromotionPolicy.MetricFor(trained.Spec.Task)),
            ReferenceUri = trained.Reference?.Uri,
            ReferenceSha256 = trained.Reference?.Sha256,
            ReferenceSizeBytes = trained.Reference?.SizeBytes,
            FeatureImportance = trained.FeatureImportance is { } importance ? new Dictionary<string, double>(importance) : [],
            CreatedAt = clock.GetUtcNow(),
        });
        db.ModelVersions.Add(version);
        run.BaseVersionId = version.Id;

        // A challenger's compression also scores the champion on this version's test rows: the decision compares like with like.
        ModelVersion? champion = null;
        if (await EpisodeOfAsync(run, ct) is { } episode)
        {
            champion = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == episode.ChampionVersionId, ct);
            episode.Move(EpisodeState.Compressing, clock.GetUtcNow());
        }
        var dataset = await db.DatasetVersions.FirstAsync(v => v.TenantId == run.TenantId && v.DatasetVersionId == run.DatasetVersionId, ct);
        db.PublishOnCommit(new CompressModel(
            run.TenantId, run.Id, version.Id, version.Artifact, dataset.DatasetVersionId, dataset.Artifact,
            trained.Spec, deployment.AccuracyBudget, champion?.Artifact));
    }

    public async Task RecordCompressedAsync(ModelCompressed compressed, CancellationToken ct)
    {
        var (run, deployment, baseVersion) = await FindCompressingAsync(compressed.TenantId, compressed.CorrelationId, ct);
        if (run is null) return;

        List<ModelVersion> candidates = [baseVersion!];
        foreach (var variant in compressed.Variants)
        {
            var version = deployment!.RegisterVersion(new ModelVersion
            {
                TenantId = run.TenantId,
                DeploymentId = deployment.Id,
                Technique = variant.Technique,
                Family = variant.Family ?? baseVersion!.Family,
                BaseModel = baseVersion!.BaseModel,
                ParentVersionId = baseVersion!.Id,
                DatasetVersionId = baseVersion.DatasetVersionId,
                RunId = run.Id,
                Spec = baseVersion.Spec.Copy(),
                ArtifactUri = variant.Model.Uri,
                ArtifactSha256 = variant.Model.Sha256,
                SizeBytes = variant.Model.SizeBytes,
                // Same inputs, same train rows: a variant is watched against its parent's reference.
                ReferenceUri = baseVersion.ReferenceUri,
                ReferenceSha256 = baseVersion.ReferenceSha256,
                ReferenceSizeBytes = baseVersion.ReferenceSizeBytes,
                FeatureImportance = new Dictionary<string, double>(baseVersion.FeatureImportance),
                Metrics = new Dictionary<string, double>(variant.Metrics),
                TestAuc = variant.Metrics.GetValueOrDefault(PromotionPolicy.MetricFor(baseVersion.Spec.Task)),
                Compression = new CompressionReport
                {
                    SizeRatio = variant.SizeRatio,
                    AucDelta = variant.MetricDelta,
                    LatencyBatch1Ms = variant.LatencyBatch1Ms,
                    LatencyBatch64Ms = variant.LatencyBatch64Ms,
                    BaselineLatencyBatch1Ms = variant.BaselineLatencyBatch1Ms,
                    BaselineLatencyBatch64Ms = variant.BaselineLatencyBatch64Ms,
                },
                CreatedAt = clock.GetUtcNow(),
            });
            db.ModelVersions.Add(version);
            candidates.Add(version);
        }

        var decision = PromotionPolicy.Decide(candidates, deployment!.AccuracyBudget);
        foreach (var refusal in decision.Refused)
        {
            refusal.Version.PromotionRefusal = refusal.Reason;
            LogRefused(logger, deployment.Name, refusal.Version.Number, refusal.Version.Technique, refusal.Reason);
        }
        // The portal shows a promoted run's reason: why the smaller variant does not serve, or why there is none.
        IEnumerable<string> reasons = decision.Refused.Select(r => $"v{r.Version.Number} ({r.Version.Technique}) not promoted: {r.Reason}");
        if (compressed.NotMade is { } notMade) reasons = reasons.Prepend($"not made: {notMade}");
        if (string.Join("; ", reasons) is { Length: > 0 } reason) run.Reason = reason.Length > 2000 ? reason[..2000] : reason;
        var challenger = decision.Chosen;
        await AnnounceVersionsAsync(deployment, run, candidates, ct);
        if (await EpisodeOfAsync(run, ct) is { } episode)
            await DecideAsync(deployment, run, episode, challenger, candidates, compressed.ChampionMetrics, ct);
        else
            await PromoteAsync(deployment, run, challenger, ct);
    }

    /// <summary>
    /// The end of a retraining: the run's best variant (by the usual promotion policy) against the
    /// champion, both on the new version's test rows. The winner by the policy's margin serves; a
    /// losing challenger is recorded as rejected with the reason, and the champion keeps serving.
    /// </summary>
    private async Task DecideAsync(
        Deployment deployment, PipelineRun run, RetrainingEpisode episode, ModelVersion challenger, List<ModelVersion> candidates,
        IReadOnlyDictionary<string, double>? championMetrics, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        episode.ChallengerVersionId = challenger.Id;
        episode.ChallengerAuc = challenger.TestAuc;
        episode.ChallengerMetrics = new Dictionary<string, double>(challenger.Metrics);
        if (championMetrics?.GetValueOrDefault(PromotionPolicy.MetricFor(challenger.Spec.Task)) is not { } championAuc)
        {
            FailChallenge(deployment, run, episode, "the champion was not scored on the new test rows", now);
            return;
        }
        episode.ChampionAuc = championAuc;
        episode.ChampionMetrics = new Dictionary<string, double>(championMetrics);
        var policy = await db.RetrainingPolicies.FindAsync([deployment.Id], ct) ?? RetrainingPolicy.DefaultFor(deployment);
        var (promote, reason) = ChallengerDecision.Decide(championAuc, challenger.TestAuc, policy.PromotionMargin, PromotionPolicy.MetricLabel(challenger));
        episode.Reason = reason;
        if (promote)
        {
            await PromoteAsync(deployment, run, challenger, ct);
            episode.Move(EpisodeState.Promoted, now);
            return;
        }

        foreach (var candidate in candidates) candidate.Stage = ModelStage.Rejected;
        run.Reason = reason;
        run.Advance(RunState.Compressing, RunState.Rejected, now);
        deployment.Finish(run, promoted: null, now);
        episode.Move(EpisodeState.Rejected, now);
        db.PublishOnCommit(new ChallengerRejected(
            run.TenantId, episode.Id, deployment.Name, challenger.Id, episode.ChampionVersionId, challenger.TestAuc, championAuc, reason));
        LogRejected(logger, deployment.Name, challenger.Number, challenger.TestAuc, championAuc);
    }

    private void FailChallenge(Deployment deployment, PipelineRun run, RetrainingEpisode episode, string reason, DateTimeOffset now)
    {
        run.Fail(reason, now);
        deployment.Finish(run, promoted: null, now); // the champion keeps serving
        episode.Fail(reason, now);
        LogRunFailed(logger, run.Id, deployment.Name, reason);
    }

    private async Task<RetrainingEpisode?> EpisodeOfAsync(PipelineRun run, CancellationToken ct) =>
        run.EpisodeId is { } id ? await db.Episodes.FirstOrDefaultAsync(e => e.Id == id, ct) : null;

    /// <summary>A failed compression does not block serving: the uncompressed model is promoted, and the run says why.</summary>
    public async Task RecordCompressionFailedAsync(CompressionFailed failed, CancellationToken ct)
    {
        var (run, deployment, baseVersion) = await FindCompressingAsync(failed.TenantId, failed.CorrelationId, ct);
        if (run is null) return;
        if (await EpisodeOfAsync(run, ct) is { } episode)
        {
            FailChallenge(deployment!, run, episode, $"compression failed: {failed.Reason}", clock.GetUtcNow());
            return;
        }
        run.Reason = $"compression failed, serving the uncompressed model: {failed.Reason}";
        await AnnounceVersionsAsync(deployment!, run, [baseVersion!], ct);
        await PromoteAsync(deployment!, run, baseVersion!, ct);
    }

    /// <summary>Tells Inference a run's versions, promoted or not, so a request may pin any of them.</summary>
    private async Task AnnounceVersionsAsync(Deployment deployment, PipelineRun run, List<ModelVersion> versions, CancellationToken ct)
    {
        var data = await db.DatasetVersions.FirstOrDefaultAsync(v => v.TenantId == run.TenantId && v.DatasetVersionId == run.DatasetVersionId, ct);
        db.PublishOnCommit(new ModelVersionsRegistered(run.TenantId, run.Id, deployment.Name,
            [.. versions.Select(v => new RegisteredModelVersion(v.Id, v.Number, v.Technique, v.Artifact))], data?.Treatment));
    }

    public async Task RecordTrainingFailedAsync(TrainingFailed failed, CancellationToken ct)
    {
        var run = await FindRunAsync(failed.TenantId, failed.CorrelationId, ct);
        if (run is null || run.State != RunState.Training) return;
        var now = clock.GetUtcNow();
        run.Fail(failed.Reason, now);
        var deployment = await db.Deployments.SingleAsync(d => d.Id == run.DeploymentId, ct);
        deployment.Finish(run, promoted: null, now);
        if (await EpisodeOfAsync(run, ct) is { } episode) episode.Fail($"training failed: {failed.Reason}", now);
        LogRunFailed(logger, run.Id, deployment.Name, failed.Reason);
    }

    private async Task PromoteAsync(Deployment deployment, PipelineRun run, ModelVersion chosen, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (deployment.ChampionVersionId is { } previousId && previousId != chosen.Id
            && await db.ModelVersions.FindAsync([previousId], ct) is { } previous)
        {
            previous.Stage = ModelStage.Archived;
        }
        chosen.Stage = ModelStage.Production;
        chosen.PromotedAt = now;
        run.PromotedVersionId = chosen.Id;
        run.Advance(RunState.Compressing, RunState.Promoted, now);
        deployment.Finish(run, chosen, now);
        // The model learned from treated data: Inference treats incoming rows the same way before scoring or keeping them.
        var data = await db.DatasetVersions.FirstOrDefaultAsync(v => v.TenantId == run.TenantId && v.DatasetVersionId == chosen.DatasetVersionId, ct);
        db.PublishOnCommit(new ModelPromoted(run.TenantId, run.Id, deployment.Name, chosen.Id, chosen.Artifact, chosen.Reference, data?.Treatment));
        LogPromoted(logger, deployment.Name, chosen.Number, chosen.Technique, chosen.TestAuc, chosen.SizeBytes);
    }

    private async Task<(PipelineRun? Run, Deployment? Deployment, ModelVersion? Base)> FindCompressingAsync(Guid tenantId, Guid runId, CancellationToken ct)
    {
        var run = await FindRunAsync(tenantId, runId, ct);
        if (run is null || run.State != RunState.Compressing || run.BaseVersionId is null) return default;
        var deployment = await db.Deployments.SingleAsync(d => d.Id == run.DeploymentId, ct);
        var baseVersion = await db.ModelVersions.SingleAsync(v => v.Id == run.BaseVersionId, ct);
        return (run, deployment, baseVersion);
    }

    private Task<PipelineRun?> FindRunAsync(Guid tenantId, Guid runId, CancellationToken ct) =>
        db.Runs.FirstOrDefaultAsync(r => r.Id == runId && r.TenantId == tenantId, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of deployment {Deployment} started on {Dataset} v{Version}")]
    private static partial void LogRunStarted(ILogger logger, Guid runId, string deployment, string dataset, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} waits for its data's personal data to be treated ({Treatment})")]
    private static partial void LogTreating(ILogger logger, Guid runId, string treatment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of deployment {Deployment} failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, Guid runId, string deployment, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} rejected challenger version {Number}: test quality {Auc:F4} against the champion's {ChampionAuc:F4} on the same rows")]
    private static partial void LogRejected(ILogger logger, string deployment, int number, double auc, double championAuc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment}: version {Number} ({Technique}) may not serve: {Reason}")]
    private static partial void LogRefused(ILogger logger, string deployment, int number, string technique, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} promoted version {Number} ({Technique}, test quality {Auc:F4}, {Bytes} bytes)")]
    private static partial void LogPromoted(ILogger logger, string deployment, int number, string technique, double auc, long bytes);
}
