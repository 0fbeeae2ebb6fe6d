namespace Platform.Contracts.Inference;

/// <summary>
/// Ground truth arrived for a deployment's predictions: quality of the serving model version over
/// its most recent labelled predictions (<see cref="WindowRows"/> of <see cref="LabelledRows"/>).
/// ROC-AUC is null while the labels hold one class only.
/// </summary>
public sealed record LiveQualityMeasured(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    long LabelledRows,
    long WindowRows,
    double? RocAuc,
    double Accuracy,
    DateTimeOffset MeasuredAt) : IPlatformMessage;
