namespace Platform.Contracts.Training;

/// <summary>A run produced an evaluated ONNX model; metrics are on the test split.</summary>
public sealed record ModelTrained(
    Guid TenantId,
    Guid CorrelationId,
    Guid TrainingRunId,
    Guid DatasetVersionId,
    ModelSpec Spec,
    ArtifactReference Model,
    IReadOnlyDictionary<string, double> Metrics) : IPlatformMessage;
