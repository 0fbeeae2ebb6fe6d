using Platform.Contracts;
using Platform.Contracts.Training;

namespace Platform.Portal.Services.Models;

// The registry's API responses as the portal reads them (camelCase JSON); the services share no DTOs.

public sealed record DeploymentSummary(
    Guid Id, string Name, string Solution, string Dataset, string State,
    Guid? ChampionVersionId, int Versions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record DeploymentDetail(
    DeploymentSummary Deployment, ModelSpec Spec, double AccuracyBudget, ModelVersionInfo? Champion, RunInfo[] Runs);

public sealed record CreatedDeployment(DeploymentSummary Deployment, string ApiKey, ApiKeyInfo Key, RunInfo? Run);

public sealed record ApiKeyInfo(
    Guid Id, string Prefix, IReadOnlyList<string> Scopes, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, Guid? ReplacedById);

public sealed record IssuedApiKey(ApiKeyInfo Key, string ApiKey, ApiKeyInfo? Replaced);

public sealed record RunInfo(
    Guid Id, Guid DatasetVersionId, string Trigger, string State, int Epoch, double? ValidationAuc,
    Guid? BaseVersionId, Guid? PromotedVersionId, string? Reason, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);

public sealed record EpochPoint(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAuc);

public sealed record CompressionInfo(
    double SizeRatio, double AucDelta, double LatencyBatch1Ms, double LatencyBatch64Ms,
    double BaselineLatencyBatch1Ms, double BaselineLatencyBatch64Ms);

public sealed record ModelVersionInfo(
    Guid Id, Guid DeploymentId, int Number, string Technique, string Stage, Guid? ParentVersionId,
    Guid DatasetVersionId, Guid RunId, ModelSpec Spec, ArtifactReference Artifact,
    IReadOnlyDictionary<string, double> Metrics, double TestAuc, CompressionInfo? Compression,
    DateTimeOffset CreatedAt, DateTimeOffset? PromotedAt);

public sealed record RegisteredDataset(
    Guid DatasetVersionId, string DatasetName, int VersionNumber, string Sha256, long SizeBytes, string? TraceId, DateTimeOffset RegisteredAt);

public sealed record Lineage(ModelVersionInfo Version, ModelVersionInfo[] Ancestors, RunInfo? Run, RegisteredDataset? Dataset);

public sealed record CreateDeployment(string Name, string Solution, string Dataset, string TargetColumn, string PositiveClass);
