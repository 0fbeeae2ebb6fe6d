using Platform.Tabular.Images;

namespace Platform.Inference.Serving;

/// <summary>A request's instances turned into one column per model input, ready to become tensors.</summary>
public sealed record FeatureBatch(int Count, IReadOnlyList<FeatureColumn> Columns);

public abstract record FeatureColumn(string Name);

/// <summary>Numbers as the graph takes them; <see cref="float.NaN"/> marks a missing value.</summary>
public sealed record NumericColumn(string Name, float[] Values) : FeatureColumn(Name);

/// <summary>Categories as text; the empty string marks a missing value.</summary>
public sealed record CategoricalColumn(string Name, string[] Values) : FeatureColumn(Name);

/// <summary>
/// Images as the graph takes them: row-major [count, channels, height, width] pixels, 0–255, each
/// decoded and brought to the model's <see cref="Shape"/>; with each image's drift statistics
/// (<see cref="ImageStatistics"/>: brightness and contrast of the pixels scored, size as sent).
/// </summary>
public sealed record ImageColumn(string Name, ImageShape Shape, float[] Values, IReadOnlyDictionary<string, float[]> Statistics) : FeatureColumn(Name)
{
    public static ImageColumn Empty(string name, ImageShape shape, int count) =>
        new(name, shape, new float[count * shape.Values], ImageStatistics.All.ToDictionary(s => s, _ => new float[count]));
}
