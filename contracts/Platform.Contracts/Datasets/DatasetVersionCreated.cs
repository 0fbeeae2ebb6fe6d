namespace Platform.Contracts.Datasets;

/// <summary>
/// An immutable, content-addressed dataset version exists. A version derived from another (labelled
/// served rows appended to it) names its base and how many rows were appended; its correlation id
/// is the retraining episode's that asked for it.
/// </summary>
public sealed record DatasetVersionCreated(
    Guid TenantId,
    Guid CorrelationId,
    Guid DatasetVersionId,
    string DatasetName,
    int VersionNumber,
    ArtifactReference Content,
    DateTimeOffset CreatedAt,
    Guid? DerivedFromVersionId = null,
    long AppendedRows = 0) : IPlatformMessage;
