using Platform.Tabular;

namespace Platform.Modeling.Training;

/// <summary>Binary classification of <paramref name="TargetColumn"/>; features default to every other column.</summary>
public sealed record TrainingRequest(
    TabularData Data,
    string TargetColumn,
    string PositiveClass,
    IReadOnlyList<string>? FeatureColumns,
    int Seed);
