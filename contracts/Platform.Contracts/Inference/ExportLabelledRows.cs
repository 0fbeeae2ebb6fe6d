namespace Platform.Contracts.Inference;

/// <summary>
/// Hand the labelled predictions that <see cref="ModelVersionId"/> served to Ingestion, to be
/// appended to <see cref="BaseDatasetVersionId"/> as a new version (the label under
/// <see cref="TargetColumn"/>). Sent by a retraining episode, which is the correlation id.
/// </summary>
public sealed record ExportLabelledRows(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    string DatasetName,
    Guid BaseDatasetVersionId,
    string TargetColumn,
    int MaxRows) : IPlatformMessage;
