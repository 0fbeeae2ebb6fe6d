using Platform.Contracts;
using Platform.Contracts.Datasets;

namespace Platform.Ingestion.Domain;

/// <summary>A tenant's named dataset; its content lives in immutable versions.</summary>
public sealed class Dataset
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<DatasetVersion> Versions { get; init; } = [];

    /// <summary>Same bytes, same version: re-uploading content changes nothing.</summary>
    public DatasetVersion? FindByContent(string sha256) => Versions.FirstOrDefault(v => v.Sha256 == sha256);

    /// <summary>The event announcing a version; a derived one names its base and the requester's correlation id.</summary>
    public DatasetVersionCreated Created(DatasetVersion version, Guid correlationId, Guid? derivedFrom = null, long appendedRows = 0) => new(
        TenantId, correlationId, version.Id, Name, version.Number,
        new ArtifactReference(version.Uri, version.Sha256, version.SizeBytes), version.CreatedAt,
        derivedFrom, appendedRows, version.Treatment, version.PersonalData());

    public DatasetVersion AddVersion(
        string sha256, long sizeBytes, string uri, ValidatedUpload upload, DateTimeOffset now, Guid? derivedFrom = null, string? treatmentJson = null)
    {
        var version = new DatasetVersion
        {
            DatasetId = Id,
            TenantId = TenantId,
            Number = Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1,
            Sha256 = sha256,
            SizeBytes = sizeBytes,
            Uri = uri,
            CreatedAt = now,
            RowCount = upload.Profile.Rows,
            ColumnCount = upload.Profile.Columns.Count,
            TargetColumn = upload.TargetColumn,
            ProfileJson = upload.ProfileJson,
            DerivedFromVersionId = derivedFrom,
            TreatmentJson = treatmentJson,
        };
        Versions.Add(version);
        return version;
    }
}
