using Platform.Tabular.Images;

namespace Platform.Inference.Serving;

/// <summary>
/// How a column reaches the graph: <c>float [N,1]</c> (NaN = missing), <c>string [N,1]</c> (empty =
/// missing), or an image as <c>float [N,C,H,W]</c> pixels 0–255 (sent as PNG or JPEG; never missing).
/// </summary>
public enum FeatureKind { Numeric, Categorical, Image }

/// <summary>A model input; <paramref name="Shape"/> is an image input's channels, height and width.</summary>
public sealed record ModelInput(string Name, FeatureKind Kind, ImageShape? Shape = null);

/// <summary>
/// What a served model takes and returns, read from the model itself (ADR 0003): its inputs are
/// the raw feature columns, its <c>probabilities</c> columns are <see cref="Classes"/> in order;
/// <see cref="Family"/> is its model family (ADR 22; a file without one is an MLP). A regression
/// file (<see cref="IsRegression"/>, ADR 31) has no classes: its one output is <c>value</c>, a
/// number in the units of <see cref="Target"/>.
/// </summary>
public sealed record ModelSignature(
    IReadOnlyList<ModelInput> Inputs, IReadOnlyList<string> Classes, string? PositiveClass, string? Target, string Family = "mlp",
    bool IsRegression = false)
{
    /// <summary>The string inputs a text model tokenizes (its metadata's features of kind "text", ADR 32); explained word by word.</summary>
    public IReadOnlyList<string> TextInputs { get; init; } = [];

    /// <summary>A binary model's positive class (the last class of a file that names none); null for multiclass and regression.</summary>
    public string? BinaryPositiveClass => Classes.Count == 2 ? PositiveClass ?? Classes[^1] : null;
}
