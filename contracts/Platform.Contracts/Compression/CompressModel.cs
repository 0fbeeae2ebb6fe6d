namespace Platform.Contracts.Compression;

/// <summary>Make smaller variants of this model, each within the accuracy budget.</summary>
public sealed record CompressModel(
    Guid TenantId,
    Guid CorrelationId,
    Guid ModelVersionId,
    ArtifactReference Model,
    double AccuracyBudget) : IPlatformMessage;
