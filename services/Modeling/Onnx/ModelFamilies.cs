namespace Platform.Modeling.Onnx;

/// <summary>
/// The names of the model families, as the <see cref="ModelMetadata.Family"/> of a file and in
/// training reports. Compression reads it: int8 rewrites network weights, which a tree ensemble has none of.
/// </summary>
public static class ModelFamilies
{
    public const string LogisticRegression = "logistic-regression";
    /// <summary>The network without a hidden layer on a regression task: least squares (ADR 31).</summary>
    public const string LinearRegression = "linear-regression";
    public const string BoostedTrees = "boosted-trees";
    public const string Mlp = "mlp";
    /// <summary>The mean of the boosted trees' and the MLP's probabilities, in one file (<see cref="BlendOnnxWriter"/>).</summary>
    public const string Blend = "blend";
    /// <summary>A pretrained text encoder (<see cref="ModelMetadata.BaseModel"/>) whose top layers and a head were trained on the task (ADR 32).</summary>
    public const string FineTunedEncoder = "fine-tuned-encoder";
    /// <summary>A small convolutional network over token ids, distilled from a text model (<see cref="Text.TextDistiller"/>).</summary>
    public const string TextCnn = "text-cnn";
    /// <summary>A convolutional network over image pixels (<see cref="Images.ImageCnn"/>, issue 17).</summary>
    public const string ImageCnn = "image-cnn";

    /// <summary>The family a file says it is; a file from before families were recorded is an MLP.</summary>
    public static string Of(byte[] onnx) =>
        Proto.ModelProto.Parser.ParseFrom(onnx).MetadataProps.FirstOrDefault(p => p.Key == ModelMetadata.Family)?.Value ?? Mlp;
}
