namespace Platform.Contracts.Training;

/// <summary>
/// The model families a deployment may allow (<see cref="ModelSpec.Families"/>), as training names
/// them: tabular ones for tables, text ones for a free-text column, the image CNN for images. A blend of the boosted trees
/// and the MLP is tried whenever both are.
/// </summary>
public static class TrainingFamilies
{
    public const string LogisticRegression = "logistic-regression";
    /// <summary>The same linear model as <see cref="LogisticRegression"/>, named for a regression task.</summary>
    public const string LinearRegression = "linear-regression";
    public const string BoostedTrees = "boosted-trees";
    public const string Mlp = "mlp";
    public const string TextCnn = "text-cnn";
    public const string FineTunedEncoder = "fine-tuned-encoder";
    /// <summary>The convolutional network that learns an image dataset (ADR 34).</summary>
    public const string ImageCnn = "image-cnn";

    public static IReadOnlyList<string> All { get; } = [LogisticRegression, LinearRegression, BoostedTrees, Mlp, TextCnn, FineTunedEncoder, ImageCnn];
}
