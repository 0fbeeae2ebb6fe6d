namespace Platform.Contracts.Training;

/// <summary>
/// A run produced an evaluated ONNX model; metrics are on the test split. <see cref="Reference"/>
/// is the train rows' per-feature distribution (JSON, the drift baseline served with the model);
/// <see cref="FeatureImportance"/> is the test ROC-AUC lost when each input is shuffled;
/// <see cref="Family"/> is the model family that won on validation, <see cref="Candidates"/> every
/// family the run compared (null from a worker that trained one family: an MLP); <see cref="BaseModel"/>
/// the pretrained model it was fine-tuned from (the catalog's name), if it was.
/// </summary>
public sealed record ModelTrained(
    Guid TenantId,
    Guid CorrelationId,
    Guid TrainingRunId,
    Guid DatasetVersionId,
    ModelSpec Spec,
    ArtifactReference Model,
    IReadOnlyDictionary<string, double> Metrics,
    ArtifactReference? Reference = null,
    IReadOnlyDictionary<string, double>? FeatureImportance = null,
    string? Family = null,
    IReadOnlyList<CandidateScore>? Candidates = null,
    string? BaseModel = null) : IPlatformMessage;
