using Platform.Tabular;

namespace Platform.Modeling.Training;

/// <summary>
/// Classification of <paramref name="TargetColumn"/>: binary with <paramref name="PositiveClass"/> as
/// the positive class, or multiclass over all its values when that is null. Features default to every
/// other column. <see cref="Regression"/> learns the target's numbers instead (ADR 31).
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

    /// <summary>A numeric target learned with squared error: the task <c>regression</c>; no positive class.</summary>
    public bool Regression { get; init; }

    /// <summary>The request's rows labelled as it asks: classes, or a regression's numbers.</summary>
    public Platform.Modeling.Data.LabelledTable Label() => Platform.Modeling.Data.LabelledTable.From(Data, TargetColumn, PositiveClass, FeatureColumns, Seed, Regression, Budget);
}
