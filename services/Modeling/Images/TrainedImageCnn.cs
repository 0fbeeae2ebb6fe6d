namespace Platform.Modeling.Images;

/// <summary>A trained <see cref="ImageCnn"/> with the normalisation it learned under, its best epoch and that epoch's validation accuracy.</summary>
public sealed class TrainedImageCnn : IDisposable
{
    internal TrainedImageCnn(ImageCnn network, ImageNormalisation normalisation, int classes, int epoch, double validationAccuracy) =>
        (Network, Normalisation, Classes, Epoch, ValidationAccuracy) = (network, normalisation, classes, epoch, validationAccuracy);

    internal ImageCnn Network { get; }
    public ImageNormalisation Normalisation { get; }
    public int Classes { get; }
    public int Epoch { get; }
    public double ValidationAccuracy { get; }
    public long Parameters => Network.parameters().Sum(p => p.numel());

    /// <summary>Class probabilities, row-major [images, classes].</summary>
    public float[] Score(LabelledImages images) => ImageCnnTrainer.Probabilities(Network, images, Normalisation, Classes);

    /// <summary>One ONNX file: raw pixels in, the normalisation inside, class probabilities and the likeliest class's name out.</summary>
    public byte[] ToOnnx(IReadOnlyList<string> classNames, string target, string imageColumn = ImageCnnWriter.DefaultInput) =>
        ImageCnnWriter.Write(this, imageColumn, classNames, target);

    public void Dispose() => Network.Dispose();
}
