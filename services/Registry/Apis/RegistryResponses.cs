using Platform.Contracts;
using Platform.Contracts.Training;
using Platform.Registry.Domain;

namespace Platform.Registry.Apis;

public sealed record DeploymentSummary(
    Guid Id, string Name, string Solution, string Dataset, string State,
    Guid? ChampionVersionId, int Versions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DeploymentSummary From(Deployment d) => new(
        d.Id, d.Name, d.Solution, d.DatasetName, d.State.ToString(),
        d.ChampionVersionId, d.ModelVersionCount, d.CreatedAt, d.UpdatedAt);
}

public sealed record DeploymentDetail(
    DeploymentSummary Deployment, ModelSpec Spec, double AccuracyBudget, ModelVersionResponse? Champion, RunResponse[] Runs);

/// <summary>Returned once, when the deployment is created: the only time its first API key is shown.</summary>
public sealed record CreatedDeployment(DeploymentSummary Deployment, string ApiKey, ApiKeyResponse Key, RunResponse? Run);

public sealed record RunResponse(
    Guid Id, Guid DatasetVersionId, string Trigger, string State, int Epoch, double? ValidationAuc,
    Guid? BaseVersionId, Guid? PromotedVersionId, string? Reason, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt)
{
    public static RunResponse From(PipelineRun r) => new(
        r.Id, r.DatasetVersionId, r.Trigger, r.State.ToString(), r.Epoch, r.ValidationAuc,
        r.BaseVersionId, r.PromotedVersionId, r.Reason, r.StartedAt, r.CompletedAt);
}

public sealed record ModelVersionResponse(
    Guid Id, Guid DeploymentId, int Number, string Technique, string Stage, Guid? ParentVersionId,
    Guid DatasetVersionId, Guid RunId, ModelSpec Spec, ArtifactReference Artifact,
    IReadOnlyDictionary<string, double> Metrics, double TestAuc, CompressionReport? Compression,
    DateTimeOffset CreatedAt, DateTimeOffset? PromotedAt, IReadOnlyDictionary<string, double> FeatureImportance, ArtifactReference? Reference)
{
    public static ModelVersionResponse From(ModelVersion v) => new(
        v.Id, v.DeploymentId, v.Number, v.Technique, v.Stage.ToString(), v.ParentVersionId,
        v.DatasetVersionId, v.RunId, v.Spec.ToContract(), v.Artifact, v.Metrics, v.TestAuc, v.Compression,
        v.CreatedAt, v.PromotedAt, v.FeatureImportance, v.Reference);
}

/// <summary>Where a model version came from: its ancestors (newest first), the run and the dataset version that started it.</summary>
public sealed record LineageResponse(
    ModelVersionResponse Version, ModelVersionResponse[] Ancestors, RunResponse? Run, RegisteredDatasetVersion? Dataset);

public sealed record ModelSummary(string Deployment, int Versions, Guid? ChampionVersionId);
