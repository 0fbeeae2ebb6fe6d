using Platform.Contracts.Api.Registry;
using Platform.Registry.Domain;

namespace Platform.Registry.Apis;

/// <summary>
/// The registry's records as its API answers them (the shared types in <c>Platform.Contracts.Api.Registry</c>).
/// Here, not beside the types: contracts knows nothing of the registry's domain. Enums go out as
/// strings so the registry can add values without breaking a client.
/// </summary>
public static class RegistryResponseFactory
{
    public static DeploymentSummary ToSummary(this Deployment d) => new(
        d.Id, d.Name, d.Solution, d.DatasetName, d.State.ToString(),
        d.ChampionVersionId, d.ModelVersionCount, d.CreatedAt, d.UpdatedAt);

    public static RunResponse ToResponse(this PipelineRun r) => new(
        r.Id, r.DatasetVersionId, r.Trigger, r.State.ToString(), r.Epoch, r.ValidationAuc,
        r.BaseVersionId, r.PromotedVersionId, r.Reason, r.StartedAt, r.CompletedAt);

    public static ModelVersionResponse ToResponse(this ModelVersion v) => new(
        v.Id, v.DeploymentId, v.Number, v.Technique, v.Stage.ToString(), v.ParentVersionId,
        v.DatasetVersionId, v.RunId, v.Spec.ToContract(), v.Artifact, v.Metrics, v.TestAuc, v.Compression?.ToResponse(),
        v.CreatedAt, v.PromotedAt, v.FeatureImportance, v.Reference, v.PromotionRefusal,
        v.Family, [.. v.Candidates.Select(c => c.ToContract())], v.BaseModel);

    public static BaseModelResponse ToResponse(this BaseModel m) => new(
        m.Name, m.Kind, m.Licence, m.Source, m.Tokenizer, m.VocabularySize, m.Parameters, m.Bytes, m.Layers, m.Hidden, m.RegisteredAt);

    public static CompressionReportResponse ToResponse(this CompressionReport c) => new(
        c.SizeRatio, c.AucDelta, c.LatencyBatch1Ms, c.LatencyBatch64Ms, c.BaselineLatencyBatch1Ms, c.BaselineLatencyBatch64Ms);

    public static RegisteredDatasetVersionResponse ToResponse(this RegisteredDatasetVersion d) => new(
        d.Id, d.TenantId, d.DatasetVersionId, d.DatasetName, d.VersionNumber, d.Sha256, d.Uri, d.SizeBytes,
        d.CorrelationId, d.DerivedFromVersionId, d.AppendedRows, d.TraceId, d.RegisteredAt, d.Artifact,
        d.Treatment, d.PersonalDataJson is null ? null : d.PersonalData);

    public static ApiKeyResponse ToResponse(this DeploymentApiKey k, DateTimeOffset now) =>
        new(k.Id, k.Prefix, k.Scopes, k.State(now), k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.ReplacedById);

    public static RetrainingPolicyResponse ToResponse(this RetrainingPolicy p) => new(
        p.PsiThreshold, p.ConsecutiveWindows, p.WindowRows, p.WindowSeconds, p.CooldownSeconds,
        p.MinLabelledRows, p.PromotionMargin, p.MaxQualityDrop, p.OnNewData, p.OnDrift, p.OnQualityDrop, p.UpdatedAt);

    /// <summary>Durations: trigger to the challenger's data (waiting for labels, deriving), its training and scoring, and all of it.</summary>
    public static RetrainingEpisodeResponse ToResponse(this RetrainingEpisode e) => new(
        e.Id, e.Trigger, e.TriggerDetail, e.State.ToString(), e.BaseDatasetVersionId, e.DatasetVersionId, e.LabelledRows,
        e.RunId, e.ChampionVersionId, e.ChallengerVersionId, e.ChampionAuc, e.ChallengerAuc, e.ChampionMetrics, e.ChallengerMetrics,
        e.State is EpisodeState.Promoted or EpisodeState.Rejected ? e.State.ToString() : null,
        e.Reason, e.TraceId, e.StartedAt, e.TrainingStartedAt, e.DecidedAt,
        Seconds(e.StartedAt, e.TrainingStartedAt), Seconds(e.TrainingStartedAt, e.DecidedAt), Seconds(e.StartedAt, e.DecidedAt));

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end ? Math.Round((end - start).TotalSeconds, 1) : null;
}
