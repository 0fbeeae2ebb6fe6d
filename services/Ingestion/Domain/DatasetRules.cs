using System.Text.RegularExpressions;

namespace Platform.Ingestion.Domain;

public static partial class DatasetRules
{
    /// <summary>Names appear in URLs and artifact keys: keep them plain.</summary>
    public static string? ValidateName(string name) =>
        NamePattern().IsMatch(name) ? null : "must be 1-100 characters: letters, digits, '-', '_' or '.', starting with a letter or digit";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex NamePattern();
}
