namespace Platform.Contracts.Api.Registry;

/// <summary>
/// Where a model version came from: its ancestors (newest first), the run and the dataset version that
/// started it, and the pretrained model it was fine-tuned from, if any (base → fine-tuned → compressed).
/// </summary>
public sealed record LineageResponse(
    ModelVersionResponse Version, IReadOnlyList<ModelVersionResponse> Ancestors, RunResponse? Run, RegisteredDatasetVersionResponse? Dataset,
    BaseModelResponse? BaseModel = null);

/// <summary>
/// A dataset version as the registry recorded it: the root of every model's lineage.
/// <see cref="DerivedFromVersionId"/> and <see cref="AppendedRows"/> are set for a version a
/// retraining made by appending labelled rows, and for a treated version (its raw base);
/// <see cref="Treatment"/> says what was done to which column's personal data (ADR 30);
/// <see cref="PersonalData"/> the columns where ingestion found it, with the kinds;
/// <see cref="TraceId"/> follows the upload in the dashboard.
/// </summary>
public sealed record RegisteredDatasetVersionResponse(
    Guid Id, Guid TenantId, Guid DatasetVersionId, string DatasetName, int VersionNumber, string Sha256, string Uri, long SizeBytes,
    Guid CorrelationId, Guid? DerivedFromVersionId, long AppendedRows, string? TraceId, DateTimeOffset RegisteredAt, ArtifactReference Artifact,
    IReadOnlyList<Datasets.ColumnTreatment>? Treatment = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? PersonalData = null);
