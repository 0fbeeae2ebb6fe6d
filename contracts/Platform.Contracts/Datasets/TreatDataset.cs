namespace Platform.Contracts.Datasets;

/// <summary>
/// Make the treated version of a dataset version: its rows with each column treated as
/// <see cref="Treatments"/> say. The answer is a <see cref="DatasetVersionCreated"/> naming the base
/// and the treatment, or a <see cref="DatasetDerivationFailed"/>, both with this correlation id.
/// </summary>
public sealed record TreatDataset(
    Guid TenantId,
    Guid CorrelationId,
    string DatasetName,
    Guid BaseDatasetVersionId,
    IReadOnlyList<ColumnTreatment> Treatments) : IPlatformMessage;
