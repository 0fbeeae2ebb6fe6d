namespace Platform.Contracts.Inference;

/// <summary>
/// Ground truth arrived for a deployment's predictions: quality of the serving model version over
/// its most recent labelled predictions (<see cref="WindowRows"/> of <see cref="LabelledRows"/>).
/// ROC-AUC is null while the labels hold one class only. For a regression model (ADR 31)
/// <see cref="RocAuc"/> carries R², the task's metric the champion's test figure is compared with,
/// and <see cref="Accuracy"/> is null.
/// </summary>
public sealed record LiveQualityMeasured(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    long LabelledRows,
    long WindowRows,
    double? RocAuc,
    double? Accuracy,
    DateTimeOffset MeasuredAt) : IPlatformMessage;
