using System.Diagnostics;
using Platform.Contracts.Api.Ingestion;
using Platform.Ingestion.Domain;

namespace Platform.Ingestion.Apis;

/// <summary>
/// Ingestion's records as its API answers them (the shared types in <c>Platform.Contracts.Api.Ingestion</c>).
/// Here, not beside the types: contracts knows nothing of Ingestion's domain.
/// </summary>
public static class IngestionResponseFactory
{
    /// <summary>With the current request's trace, so an upload can be followed in the dashboard.</summary>
    public static DatasetVersionResponse ToResponse(this DatasetVersion version, Dataset dataset) => new(
        version.Id, dataset.Name, version.Number, version.Sha256, version.SizeBytes, version.Uri, version.CreatedAt,
        version.RowCount, version.ColumnCount, version.TargetColumn, Activity.Current?.TraceId.ToHexString(),
        version.DerivedFromVersionId, version.Treatment);
}
