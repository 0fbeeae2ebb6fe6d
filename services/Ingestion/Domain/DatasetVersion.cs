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
    public long RowCount { get; init; }
    public int ColumnCount { get; init; }
    /// <summary>The column the uploader said is the target, checked to exist; null if none was named.</summary>
    public string? TargetColumn { get; init; }
    /// <summary>The inferred schema and one-pass profile, as JSON (a <see cref="Platform.Tabular.DatasetProfile"/>).</summary>
    public required string ProfileJson { get; init; }
}
