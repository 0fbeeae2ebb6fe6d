using Platform.Tabular;

namespace Platform.Modeling.Training;

/// <summary>
/// Binary classification of <paramref name="TargetColumn"/>; features default to every other column.
/// <paramref name="Data"/> is read by <see cref="Data.TrainingTable"/> with the same target and seed.
/// </summary>
public sealed record TrainingRequest(
    ColumnarTable Data,
    string TargetColumn,
    string PositiveClass,
    IReadOnlyList<string>? FeatureColumns,
    int Seed)
{
    /// <summary>The job's budget, which the table was read from; the network's inputs are reserved from it too.</summary>
    public MemoryBudget Budget { get; init; } = MemoryBudget.Unlimited();
}
