namespace Platform.Modeling.Onnx;

/// <summary>
/// The names of the model families, as the <see cref="ModelMetadata.Family"/> of a file and in
/// training reports. Compression reads it: int8 rewrites network weights, which a tree ensemble has none of.
/// </summary>
public static class ModelFamilies
{
    public const string LogisticRegression = "logistic-regression";
    public const string BoostedTrees = "boosted-trees";
    public const string Mlp = "mlp";
}
