namespace Platform.Tabular.Api;

/// <summary>
/// A dataset version's inferred schema and column profile as Ingestion answers it and the portal
/// reads it. It lives here, not in contracts with the other API types, because its columns are
/// Tabular's own records: contracts depends on nothing, and Tabular should not depend on contracts
/// for one answer. Enums travel by name (<c>ApiJson</c>).
/// </summary>
public sealed record DatasetProfileResponse(
    string Dataset, int Version, string? TargetColumn, long Rows, IReadOnlyList<ColumnSchema> Schema, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>An image dataset's classes, sizes, brightness and contrast, and its gallery's thumbnails; null for a table.</summary>
    public Images.ImageSetProfile? Images { get; init; }
}
