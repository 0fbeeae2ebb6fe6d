using Platform.Contracts;

namespace Platform.Registry.Domain;

/// <summary>A dataset version the registry knows: the root of every model's lineage.</summary>
public sealed class RegisteredDatasetVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid DatasetVersionId { get; init; }
    public required string DatasetName { get; init; }
    public int VersionNumber { get; init; }
    public required string Sha256 { get; init; }
    public required string Uri { get; init; }
    public long SizeBytes { get; init; }
    public Guid CorrelationId { get; init; }
    /// <summary>For a version made by a retraining: the version its rows were appended to, and how many.</summary>
    public Guid? DerivedFromVersionId { get; init; }
    public long AppendedRows { get; init; }
    /// <summary>The trace that carried the upload here, to follow it in the dashboard.</summary>
    public string? TraceId { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    public ArtifactReference Artifact => new(Uri, Sha256, SizeBytes);
}
