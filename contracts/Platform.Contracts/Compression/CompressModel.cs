using Platform.Contracts.Training;

namespace Platform.Contracts.Compression;

/// <summary>
/// Make smaller variants of this model, each within the accuracy budget. The dataset and spec
/// travel along so that variants are scored on the same deterministic test rows as the original.
/// A retraining sends the serving model as <see cref="Champion"/>: it is scored on the same rows,
/// so the decision compares like with like.
/// </summary>
public sealed record CompressModel(
    Guid TenantId,
    Guid CorrelationId,
    Guid ModelVersionId,
    ArtifactReference Model,
    Guid DatasetVersionId,
    ArtifactReference Dataset,
    ModelSpec Spec,
    double AccuracyBudget,
    ArtifactReference? Champion = null) : IPlatformMessage;
