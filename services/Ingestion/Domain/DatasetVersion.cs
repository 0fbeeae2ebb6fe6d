namespace Platform.Ingestion.Domain;

/// <summary>One immutable, content-addressed upload of a dataset.</summary>
public sealed class DatasetVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DatasetId { get; init; }
    public Guid TenantId { get; init; }
    public int Number { get; init; }
    public required string Sha256 { get; init; }
    public long SizeBytes { get; init; }
    public required string Uri { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
