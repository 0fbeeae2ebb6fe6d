using Platform.Tabular;

namespace Platform.Modeling.Training;

/// <summary>
/// Classification of <paramref name="TargetColumn"/>: binary with <paramref name="PositiveClass"/> as
/// the positive class, or multiclass over all its values when that is null. Features default to every
/// other column.
/// <paramref name="Data"/> is read by <see cref="Data.TrainingTable"/> with the same target and seed.
/// </summary>
public sealed record TrainingRequest(
    ColumnarTable Data,
    string TargetColumn,
    string? PositiveClass,
    IReadOnlyList<string>? FeatureColumns,
    int Seed)
{
    /// <summary>The job's budget, which the table was read from; the network's inputs are reserved from it too.</summary>
    public MemoryBudget Budget { get; init; } = MemoryBudget.Unlimited();
}
