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

    /// <summary>
    /// The file of an image dataset's classifier (target <c>label</c>, input <c>image</c>), checked to
    /// answer the test images as this network does within <see cref="ImageClassifierTrainer.ParityTolerance"/>
    /// (else <see cref="Training.ModelParityException"/>); with the file's test scores and the largest difference.
    /// </summary>
    public (byte[] File, float[] TestScores, double Parity) ToCheckedOnnx(IReadOnlyList<string> classNames, LabelledImages test)
    {
        var file = ToOnnx(classNames, Tabular.Images.ImageProfiler.LabelColumn, Tabular.Images.ImageProfiler.ImageColumn);
        var fileScores = ImageClassifierTrainer.Score(file, test);
        var parity = Score(test).Zip(fileScores, (a, b) => (double)Math.Abs(a - b)).Max();
        if (!(parity < ImageClassifierTrainer.ParityTolerance)) throw new Training.ModelParityException(parity, ImageClassifierTrainer.ParityTolerance);
        return (file, fileScores, parity);
    }

    public void Dispose() => Network.Dispose();
}
