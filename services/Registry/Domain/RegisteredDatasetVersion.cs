using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Datasets;

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
    /// <summary>What was done to which column's personal data (JSON <see cref="ColumnTreatment"/>s); null for raw data.</summary>
    public string? TreatmentJson { get; init; }
    /// <summary>The columns where ingestion found personal data, with the kinds (JSON); null when none.</summary>
    public string? PersonalDataJson { get; init; }

    public ArtifactReference Artifact => new(Uri, Sha256, SizeBytes);

    public IReadOnlyList<ColumnTreatment>? Treatment =>
        TreatmentJson is null ? null : JsonSerializer.Deserialize<ColumnTreatment[]>(TreatmentJson, JsonSerializerOptions.Web);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> PersonalData =>
        PersonalDataJson is null ? new Dictionary<string, IReadOnlyList<string>>()
            : JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(PersonalDataJson, JsonSerializerOptions.Web)!;

    public static string? ToJson<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
