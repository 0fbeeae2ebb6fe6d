namespace Platform.Contracts.Registry;

/// <summary>
/// This model version now serves this deployment; <see cref="Reference"/> is its drift baseline, when
/// it has one; <see cref="InputTreatment"/> the treatment of its training data, which predict applies
/// to incoming rows before anything scores or keeps them.
/// </summary>
public sealed record ModelPromoted(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    ArtifactReference Model,
    ArtifactReference? Reference = null,
    IReadOnlyList<Datasets.ColumnTreatment>? InputTreatment = null) : IPlatformMessage;
