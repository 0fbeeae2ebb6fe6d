namespace Platform.Registry.Domain;

/// <summary>A model spec as stored with deployments and versions (lineage: the config a model was learned from).</summary>
public sealed class SpecColumns
{
    public required string TargetColumn { get; init; }
    /// <summary>Null for multiclass.</summary>
    public string? PositiveClass { get; init; }
    public required string Task { get; init; }
    public List<string>? FeatureColumns { get; init; }
    public int Seed { get; init; }
    /// <summary>The ε differentially private training may spend; null: not private.</summary>
    public double? TargetEpsilon { get; init; }
    /// <summary>The families training may choose among; null: every family that fits the data.</summary>
    public List<string>? Families { get; init; }

    public Contracts.Training.ModelSpec ToContract() => new(TargetColumn, PositiveClass, Task, FeatureColumns, Seed, TargetEpsilon, Families);

    /// <summary>Owned values belong to one owner: each version gets its own copy.</summary>
    public SpecColumns Copy() => From(ToContract());

    public static SpecColumns From(Contracts.Training.ModelSpec spec) => new()
    {
        TargetColumn = spec.TargetColumn,
        PositiveClass = spec.PositiveClass,
        Task = spec.Task,
        FeatureColumns = spec.FeatureColumns?.ToList(),
        Seed = spec.Seed,
        TargetEpsilon = spec.TargetEpsilon,
        Families = spec.Families?.ToList(),
    };
}
