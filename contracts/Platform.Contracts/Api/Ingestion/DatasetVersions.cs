namespace Platform.Contracts.Api.Ingestion;

/// <summary>
/// One version of a dataset: its content hash and size, rows and columns, the target column it was
/// validated for, and the trace of the request that answered (to follow an upload in the dashboard).
/// A version's profile is Tabular's <c>DatasetProfileResponse</c>: its columns are Tabular's types.
/// A derived version names its base; a treated one what was done to which column (its lineage).
/// </summary>
public sealed record DatasetVersionResponse(
    Guid Id, string Dataset, int Number, string Sha256, long SizeBytes, string Uri, DateTimeOffset CreatedAt,
    long Rows, int Columns, string? TargetColumn, string? TraceId,
    Guid? DerivedFromVersionId = null, IReadOnlyList<Datasets.ColumnTreatment>? Treatment = null);
