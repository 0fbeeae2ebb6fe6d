namespace Platform.Portal.Services.Models;

// Inference's monitoring API as the portal reads it: what the served model sees, window by window.

/// <summary>
/// One window of predictions compared with the model's training data: the population stability
/// index of each feature, and whether the window counts as drift under the deployment's policy.
/// </summary>
public sealed record DriftWindow(
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long Rows, Guid ModelVersionId,
    IReadOnlyDictionary<string, double> Psi, double MaxPsi, IReadOnlyList<string> DriftedFeatures, bool DriftDetected);

/// <summary>
/// The served model's quality on the predictions that have a label by now; nulls until some have.
/// The scores are over the latest <see cref="WindowRows"/> of the <see cref="LabelledRows"/> (null
/// when the service does not say).
/// </summary>
public sealed record LiveQuality(Guid ModelVersionId, long LabelledRows, double? RocAuc, double? Accuracy, DateTimeOffset? MeasuredAt, long? WindowRows = null);
