using Platform.Contracts.Solutions;
using Platform.Tabular;

namespace Platform.Portal.Services;

/// <summary>
/// What a deployment learns from the target column a customer picks, read from its profile. A
/// numeric column of more than two values is a quantity: a regression task, with no positive class
/// (ADR 31). Otherwise two values make a binary task with a positive class to choose; three up to
/// <see cref="ClassificationTarget.MaxClasses"/> make a multiclass task with none (ADR 25); more,
/// or a column whose distinct values were not all counted, cannot be classes, and the page says why
/// before anything is deployed. <see cref="Classes"/> is the column's distinct values, whatever the task.
/// </summary>
public sealed record TargetChoice(string Task, long Classes, IReadOnlyList<string> PositiveChoices, string? Refusal)
{
    public bool IsMulticlass => Task == SolutionTemplates.MulticlassClassification;

    public bool IsRegression => Task == SolutionTemplates.Regression;

    /// <summary>Only a binary task names a positive class; the others are refused one by the registry.</summary>
    public bool NeedsPositiveClass => Refusal is null && Task == SolutionTemplates.BinaryClassification;

    public static TargetChoice For(ColumnProfile column)
    {
        // Two numbers (0 and 1, say) are still two classes. Numbers too many to count are many
        // values of a quantity, not too many classes.
        if (column.IsNumeric && (column.DistinctCapped || column.Distinct > 2))
            return new(SolutionTemplates.Regression, column.Distinct, [], null);
        var values = column.TopCategories.Select(c => c.Value).ToArray();
        if (column.DistinctCapped || column.Distinct > ClassificationTarget.MaxClasses)
            return new(SolutionTemplates.MulticlassClassification, column.Distinct, [],
                $"'{column.Name}' has {(column.DistinctCapped ? "more than " : "")}{column.Distinct:N0} distinct values; a target has at most {ClassificationTarget.MaxClasses} classes.");
        if (column.Distinct < 2)
            return new(SolutionTemplates.BinaryClassification, column.Distinct, values, $"'{column.Name}' has {column.Distinct} distinct value{(column.Distinct == 1 ? "" : "s")}; a target needs at least two classes.");
        return column.Distinct == 2
            ? new(SolutionTemplates.BinaryClassification, 2, values, null)
            : new(SolutionTemplates.MulticlassClassification, column.Distinct, [], null);
    }
}
