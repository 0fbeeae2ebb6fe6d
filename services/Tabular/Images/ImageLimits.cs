namespace Platform.Tabular.Images;

/// <summary>
/// What an image archive may hold before it is refused, so that a hostile or mistaken upload costs
/// bounded memory and time: the images, one image's decoded pixels (a small file can claim a huge
/// canvas), and the side the images are brought down to (the CNN trains on two cores: 64 pixels a
/// side is already 5× Fashion-MNIST's work per image).
/// </summary>
public sealed record ImageLimits(int MaxImages, long MaxSourcePixels, int MaxSide = ImageLimits.Side)
{
    /// <summary>The side every image is brought down to, wherever it is decoded: a constant, so training and serving cannot disagree with the profile.</summary>
    public const int Side = 64;

    public static readonly ImageLimits Default = new(200_000, 25_000_000);

    /// <summary>For an archive that was validated at upload (training, compression): any number of images, the same pixels and side.</summary>
    public static readonly ImageLimits Validated = Default with { MaxImages = Array.MaxLength - 1 };
}

/// <summary>
/// An image archive that cannot be read: which entry (or row of the manifest) and why; a refusal by
/// one of the <see cref="ImageLimits"/> names it (<see cref="Limit"/>, the property's name) and its value.
/// </summary>
public sealed class ImageArchiveException(string? entry, string reason, long? row = null, string? limit = null, long maximum = 0)
    : Exception(entry is null ? reason : $"{entry}: {reason}")
{
    public string? Entry { get; } = entry;
    public string Reason { get; } = reason;
    public long? Row { get; } = row;
    public string? Limit { get; } = limit;
    public long Maximum { get; } = maximum;
}
