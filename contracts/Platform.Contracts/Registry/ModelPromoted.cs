namespace Platform.Contracts.Registry;

/// <summary>This model version now serves this deployment.</summary>
public sealed record ModelPromoted(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    ArtifactReference Model) : IPlatformMessage;
