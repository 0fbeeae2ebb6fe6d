namespace Platform.Contracts.Datasets;

/// <summary>
/// Ingestion could not make the version an <see cref="AppendDatasetRows"/> asked for (its base is
/// unknown, or the rows were refused); the correlation id is the requester's, who must not wait on.
/// </summary>
public sealed record DatasetDerivationFailed(
    Guid TenantId,
    Guid CorrelationId,
    string DatasetName,
    Guid BaseDatasetVersionId,
    string Reason) : IPlatformMessage;
