namespace Platform.Tabular.Images;

/// <summary>
/// What an image archive may hold before it is refused, so that a hostile or mistaken upload costs
/// bounded memory and time: the images, one image's decoded pixels (a small file can claim a huge
/// canvas), and the side the images are brought down to (the CNN trains on two cores: 64 pixels a
/// side is already 5× Fashion-MNIST's work per image).
/// </summary>
public sealed record ImageLimits(int MaxImages, long MaxSourcePixels, int MaxSide)
{
    public static readonly ImageLimits Default = new(200_000, 25_000_000, 64);
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
