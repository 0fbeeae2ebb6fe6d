namespace Platform.Contracts.Training;

/// <summary>Train this spec on this dataset version.</summary>
public sealed record TrainModel(
    Guid TenantId,
    Guid CorrelationId,
    Guid TrainingRunId,
    Guid DatasetVersionId,
    ArtifactReference Dataset,
    ModelSpec Spec) : IPlatformMessage;
