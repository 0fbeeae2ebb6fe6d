namespace Platform.Inference.Serving;

/// <summary>How a column reaches the graph: <c>float [N,1]</c> (NaN = missing) or <c>string [N,1]</c> (empty = missing).</summary>
public enum FeatureKind { Numeric, Categorical }

public sealed record ModelInput(string Name, FeatureKind Kind);

/// <summary>
/// What a served model takes and returns, read from the model itself (ADR 0003): its inputs are
/// the raw feature columns, its <c>probabilities</c> columns are <see cref="Classes"/> in order;
/// <see cref="Family"/> is its model family (ADR 22; a file without one is an MLP).
/// </summary>
public sealed record ModelSignature(
    IReadOnlyList<ModelInput> Inputs, IReadOnlyList<string> Classes, string? PositiveClass, string? Target, string Family = "mlp")
{
    /// <summary>A binary model's positive class (the last class of a file that names none); null for multiclass.</summary>
    public string? BinaryPositiveClass => Classes.Count == 2 ? PositiveClass ?? Classes[^1] : null;
}
