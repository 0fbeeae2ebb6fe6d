using System.Globalization;
using System.IO.Compression;
using System.Text;
using Platform.Tabular.Images;

namespace Platform.Demo;

/// <summary>
/// Fashion-MNIST as Debian's <c>dataset-fashion-mnist</c> installs it (<c>./platform install</c>;
/// <c>$PLATFORM_FASHION_MNIST</c> names another folder), written as the archives the platform reads
/// (ADR 34): the IDX files as shipped with <c>classes.txt</c>, or PNG images with a CSV manifest
/// (the class names hold a '/', so they cannot be folder names). Images for predict as base64 PNG.
/// </summary>
public static class ProductImages
{
    public static readonly string[] Classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
    public const string Train = "train";
    public const string Test = "t10k";

    public static string Folder => Environment.GetEnvironmentVariable("PLATFORM_FASHION_MNIST") is { Length: > 0 } path ? path : "/usr/share/datasets/fashion-mnist";

    private static string PathOf(string part, string kind) =>
        Path.Combine(Folder, $"{part}-{kind}-ubyte.gz") is var path && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Fashion-MNIST's {part} {kind} file is not at {path}: './platform install' installs Debian's dataset-fashion-mnist, or set PLATFORM_FASHION_MNIST.");

    /// <summary>The first <paramref name="count"/> images of a part (train or t10k) and their class indices.</summary>
    public static (GrayImages Images, byte[] Labels) Read(string part, int count = int.MaxValue)
    {
        using var images = File.OpenRead(PathOf(part, "images-idx3"));
        using var labels = File.OpenRead(PathOf(part, "labels-idx1"));
        return (IdxFile.ReadImages(images, count), IdxFile.ReadLabels(labels, count));
    }

    /// <summary>The part's IDX files as Debian ships them (every image), with the class names, in one zip.</summary>
    public static void WriteIdxArchive(string path, string part = Train)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        // Already gzipped: stored, not compressed again.
        zip.CreateEntryFromFile(PathOf(part, "images-idx3"), $"{part}-images-idx3-ubyte.gz", CompressionLevel.NoCompression);
        zip.CreateEntryFromFile(PathOf(part, "labels-idx1"), $"{part}-labels-idx1-ubyte.gz", CompressionLevel.NoCompression);
        using var names = new StreamWriter(zip.CreateEntry(ImageArchive.ClassNamesEntry).Open(), new UTF8Encoding(false));
        foreach (var name in Classes) names.Write(name + "\n");
    }

    /// <summary>The first <paramref name="count"/> images of a part as PNG files with a manifest of file and label, in one zip.</summary>
    public static void WritePngArchive(string path, int count, string part = Train)
    {
        var (images, labels) = Read(part, count);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var manifest = new StringBuilder("file,label\n");
        for (var i = 0; i < images.Count; i++)
        {
            var file = string.Create(CultureInfo.InvariantCulture, $"images/{i:D5}.png");
            var entry = zip.CreateEntry(file, CompressionLevel.NoCompression);
            using (var stream = entry.Open()) stream.Write(Png(images, i));
            manifest.Append(CultureInfo.InvariantCulture, $"{file},{Classes[labels[i]]}\n");
        }
        using var writer = new StreamWriter(zip.CreateEntry("manifest.csv").Open(), new UTF8Encoding(false));
        writer.Write(manifest.ToString());
    }

    public static byte[] Png(GrayImages images, int index) => ImageDecoder.EncodePng(images.Image(index), new ImageShape(1, images.Rows, images.Columns));

    public static string Base64Png(GrayImages images, int index) => Convert.ToBase64String(Png(images, index));
}
