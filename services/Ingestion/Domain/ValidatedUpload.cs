using System.Text.Json;
using Platform.Tabular;

namespace Platform.Ingestion.Domain;

/// <summary>A staged upload that parsed as CSV from end to end, with its profile.</summary>
public sealed record ValidatedUpload(DatasetProfile Profile, string? TargetColumn)
{
    public string ProfileJson { get; } = JsonSerializer.Serialize(Profile, JsonSerializerOptions.Web);
}
