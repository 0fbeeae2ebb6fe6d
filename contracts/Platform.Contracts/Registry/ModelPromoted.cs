namespace Platform.Contracts.Registry;

/// <summary>This model version now serves this deployment; <see cref="Reference"/> is its drift baseline, when it has one.</summary>
public sealed record ModelPromoted(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    ArtifactReference Model,
    ArtifactReference? Reference = null) : IPlatformMessage;
