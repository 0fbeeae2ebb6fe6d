using Platform.Contracts.Solutions;
using System.Text.RegularExpressions;
using Platform.Contracts.Training;
using Platform.Registry.Domain;

namespace Platform.Registry.Apis;

/// <summary>
/// Deploy a solution on a dataset. The template gives the target, positive class and budget; a
/// customer whose columns are named differently overrides them here.
/// </summary>
public sealed partial record CreateDeploymentRequest(
    string? Name,
    string? Solution,
    string? Dataset,
    string? TargetColumn = null,
    string? PositiveClass = null,
    IReadOnlyList<string>? FeatureColumns = null,
    double? AccuracyBudget = null,
    int? Seed = null)
{
    public const int DefaultSeed = 42;

    /// <summary>The first problem found as (field, reason), or the solution template it resolves to.</summary>
    public (string Field, string Reason)? Validate(out SolutionTemplate? template)
    {
        template = Solution is null ? null : SolutionCatalog.Find(Solution);
        if (string.IsNullOrWhiteSpace(Name) || !NamePattern().IsMatch(Name))
            return ("name", "must be 1–63 lowercase letters, digits or dashes, starting with a letter or digit");
        if (template is null)
            return ("solution", $"must be one of: {string.Join(", ", SolutionCatalog.All.Select(s => s.Name))}");
        if (string.IsNullOrWhiteSpace(Dataset)) return ("dataset", "names the dataset whose versions feed this deployment");
        if (AccuracyBudget is < 0 or > 0.5) return ("accuracyBudget", "must be between 0 and 0.5");
        if (FeatureColumns is { Count: 0 }) return ("featureColumns", "leave it out to use every other column, or name at least one");
        return null;
    }

    public ModelSpec SpecFrom(SolutionTemplate template) => new(
        TargetColumn ?? template.TargetColumn,
        PositiveClass ?? template.PositiveClass,
        template.Task,
        FeatureColumns,
        Seed ?? DefaultSeed);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
