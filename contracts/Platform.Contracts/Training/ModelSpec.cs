namespace Platform.Contracts.Training;

/// <summary>
/// What to learn: the target, its positive class (binary; null for multiclass), the task
/// (<c>SolutionTemplates.Tasks</c>) and the features (null: all others). <see cref="TargetEpsilon"/>
/// asks for differentially private training (DP-SGD) spending at most that ε (ADR 28); null: none.
/// <see cref="Families"/> are the model families training may choose among (<see cref="TrainingFamilies"/>);
/// null: every family that fits the data.
/// </summary>
public sealed record ModelSpec(
    string TargetColumn,
    string? PositiveClass,
    string Task,
    IReadOnlyList<string>? FeatureColumns,
    int Seed,
    double? TargetEpsilon = null,
    IReadOnlyList<string>? Families = null);
