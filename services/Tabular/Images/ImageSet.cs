namespace Platform.Tabular.Images;

/// <summary>
/// An image dataset as training reads it: every image at one <see cref="Shape"/>, 0–255,
/// <see cref="Pixels"/> row-major [images, channels, height, width]; each with its class name and
/// where it came from (an archive entry, or an IDX file's index). <see cref="SourceSizes"/> counts the
/// sizes the images had before they were brought to the shape.
/// </summary>
public sealed record ImageSet(string Format, ImageShape Shape, byte[] Pixels, string[] Labels, string[] Sources, IReadOnlyList<ImageSizeCount> SourceSizes)
{
    public int Count => Labels.Length;

    /// <summary>Each image's width as uploaded (drift compares the sizes served with these).</summary>
    public required int[] SourceWidths { get; init; }

    /// <summary>Each image's height as uploaded.</summary>
    public required int[] SourceHeights { get; init; }

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Shape.Values, Shape.Values);
}

/// <summary>How many images had this size as uploaded.</summary>
public sealed record ImageSizeCount(int Width, int Height, long Count);

/// <summary>The layouts an image archive may have (<see cref="ImageArchive"/>).</summary>
public static class ImageSetFormats
{
    /// <summary>An IDX image file and an IDX label file (MNIST's format), optionally with <c>classes.txt</c>.</summary>
    public const string Idx = "idx";
    /// <summary>One folder per class, the folder's name the label.</summary>
    public const string Folders = "folders";
    /// <summary>Images and a CSV manifest of file and label.</summary>
    public const string Manifest = "manifest";
}
