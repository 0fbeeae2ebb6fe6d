namespace Platform.Contracts.Inference;

/// <summary>Feature drift (population stability index per feature) on a deployment.</summary>
public sealed record DriftDetected(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    IReadOnlyDictionary<string, double> PsiByFeature,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd) : IPlatformMessage;
