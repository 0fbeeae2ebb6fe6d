namespace Platform.Contracts.Datasets;

/// <summary>An immutable, content-addressed dataset version exists.</summary>
public sealed record DatasetVersionCreated(
    Guid TenantId,
    Guid CorrelationId,
    Guid DatasetVersionId,
    string DatasetName,
    int VersionNumber,
    ArtifactReference Content,
    DateTimeOffset CreatedAt) : IPlatformMessage;
