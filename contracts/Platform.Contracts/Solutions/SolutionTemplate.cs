namespace Platform.Contracts.Solutions;

/// <summary>
/// A vertical solution a customer deploys in one flow: what to predict, from which columns, and how
/// much accuracy a smaller, faster model may give up. Defined as data (Definitions/*.json), one file each.
/// <see cref="PersonalDataTreatment"/> is what a deployment does to a column holding personal data
/// unless it says otherwise (healthcare pseudonymises, so a patient's records still link; ADR 30).
/// </summary>
public sealed record SolutionTemplate(
    string Name,
    string Vertical,
    string Title,
    string Description,
    string TargetColumn,
    string PositiveClass,
    string Task,
    double AccuracyBudget,
    string SampleDataset,
    IReadOnlyList<string> ExpectedColumns,
    string PersonalDataTreatment = "drop");
