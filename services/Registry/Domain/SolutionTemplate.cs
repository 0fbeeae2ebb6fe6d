namespace Platform.Registry.Domain;

/// <summary>
/// A vertical solution a customer deploys in one flow: what to predict from their data, and how much
/// accuracy a smaller, faster model may give up. Nothing here is tied to a particular file.
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
    string SampleDataset);
