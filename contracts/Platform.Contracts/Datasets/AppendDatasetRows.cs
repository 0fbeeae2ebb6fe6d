namespace Platform.Contracts.Datasets;

/// <summary>
/// Make a new version of a dataset: the base version's rows followed by <see cref="Rows"/>, a JSON
/// Lines artifact with one object of column values per row. Rows lacking a column leave it empty.
/// </summary>
public sealed record AppendDatasetRows(
    Guid TenantId,
    Guid CorrelationId,
    string DatasetName,
    Guid BaseDatasetVersionId,
    ArtifactReference Rows,
    long RowCount) : IPlatformMessage;
