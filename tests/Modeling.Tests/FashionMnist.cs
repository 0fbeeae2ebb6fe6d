using Platform.Modeling.Images;
using Platform.Tabular.Images;

namespace Platform.Modeling.Tests;

/// <summary>
/// Fashion-MNIST as Debian's <c>dataset-fashion-mnist</c> installs it (<c>./platform install</c>), or
/// from <c>$PLATFORM_FASHION_MNIST</c>: the first images of its train and test files.
/// </summary>
public static class FashionMnist
{
    public static readonly string[] Classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static string Directory => Environment.GetEnvironmentVariable("PLATFORM_FASHION_MNIST") is { Length: > 0 } path ? path : "/usr/share/datasets/fashion-mnist";

    public static LabelledImages Train(int count) => Read("train", count);

    public static LabelledImages Test(int count) => Read("t10k", count);

    private static LabelledImages Read(string part, int count)
    {
        using var images = File.OpenRead(Path.Combine(Directory, $"{part}-images-idx3-ubyte.gz"));
        using var labels = File.OpenRead(Path.Combine(Directory, $"{part}-labels-idx1-ubyte.gz"));
        return LabelledImages.From(IdxFile.ReadImages(images, count), IdxFile.ReadLabels(labels, count));
    }
}
