using System.Text.Json;
using Platform.Contracts.Datasets;
using Platform.Tabular;

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
    /// <summary>The version this one was made from (rows appended, or treated); null for an upload.</summary>
    public Guid? DerivedFromVersionId { get; init; }
    /// <summary>
    /// What was done to which column's personal data, as JSON (<see cref="ColumnTreatment"/>s), for a
    /// treated version and every version appended to it; null for raw data.
    /// </summary>
    public string? TreatmentJson { get; init; }

    public IReadOnlyList<ColumnTreatment>? Treatment =>
        TreatmentJson is null ? null : JsonSerializer.Deserialize<ColumnTreatment[]>(TreatmentJson, JsonSerializerOptions.Web);

    /// <summary>Whether this version is an image archive (its profile has an image section), which rows are not appended to nor treated.</summary>
    public bool HoldsImages => JsonSerializer.Deserialize<DatasetProfile>(ProfileJson, JsonSerializerOptions.Web)!.Images is not null;

    /// <summary>The columns where profiling found personal data, with the kinds found.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PersonalData() =>
        JsonSerializer.Deserialize<DatasetProfile>(ProfileJson, JsonSerializerOptions.Web)!.Columns
            .Where(c => c.PersonalData is { Count: > 0 })
            .ToDictionary(c => c.Name, c => (IReadOnlyList<string>)[.. c.PersonalData!.Select(f => f.Kind)]);
}
