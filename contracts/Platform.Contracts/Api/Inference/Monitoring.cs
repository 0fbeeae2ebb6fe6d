namespace Platform.Contracts.Api.Inference;

/// <summary>
/// One window of predictions compared with the model's training data: the population stability
/// index of each feature, and whether the window counts as drift under the deployment's policy.
/// </summary>
public sealed record DriftWindowResponse(
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long Rows, Guid ModelVersionId,
    IReadOnlyDictionary<string, double> Psi, double MaxPsi, IReadOnlyList<string> DriftedFeatures, bool DriftDetected);

/// <summary>
/// The serving model's quality on the ground truth received so far: ROC-AUC and accuracy over its
/// most recent labelled predictions (<see cref="WindowRows"/>) out of all it has (<see cref="LabelledRows"/>);
/// nulls until some have a label.
/// </summary>
public sealed record LiveQualityResponse(Guid ModelVersionId, long LabelledRows, long WindowRows, double? RocAuc, double? Accuracy, DateTimeOffset? MeasuredAt);
