namespace Platform.Inference.Serving;

/// <summary>A request's instances turned into one column per model input, ready to become tensors.</summary>
public sealed record FeatureBatch(int Count, IReadOnlyList<FeatureColumn> Columns);

public abstract record FeatureColumn(string Name);

/// <summary>Numbers as the graph takes them; <see cref="float.NaN"/> marks a missing value.</summary>
public sealed record NumericColumn(string Name, float[] Values) : FeatureColumn(Name);

/// <summary>Categories as text; the empty string marks a missing value.</summary>
public sealed record CategoricalColumn(string Name, string[] Values) : FeatureColumn(Name);
