namespace Platform.Contracts.Training;

/// <summary>
/// What to learn: the target, its positive class (binary; null for multiclass), the task
/// (<c>SolutionTemplates.Tasks</c>) and the features (null: all others).
/// </summary>
public sealed record ModelSpec(
    string TargetColumn,
    string? PositiveClass,
    string Task,
    IReadOnlyList<string>? FeatureColumns,
    int Seed);
