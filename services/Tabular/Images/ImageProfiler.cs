namespace Platform.Tabular.Images;

/// <summary>
/// What the portal and the API show of an image dataset: the format it came in, the shape its
/// images were brought to, each class's count, the sizes uploaded, brightness and contrast (the
/// statistics image drift compares), and a few thumbnails of each class (PNG, base64) for a gallery.
/// </summary>
public sealed record ImageSetProfile(
    string Format,
    int Images,
    ImageShape Shape,
    IReadOnlyList<CategoryCount> Classes,
    IReadOnlyList<ImageSizeCount> SourceSizes,
    NumericSummary Brightness,
    NumericSummary Contrast,
    IReadOnlyList<ImageThumbnail> Thumbnails);

/// <summary>One image of the gallery: its class, where it came from, and the image as base64 PNG.</summary>
public sealed record ImageThumbnail(string Label, string Source, string Png);

public static class ImageProfiler
{
    public const string ImageColumn = "image";
    public const string LabelColumn = "label";
    public const int ThumbnailsPerClass = 3;
    public const int ClassesWithThumbnails = 12;
    public const int SourceSizesShown = 10;

    /// <summary>
    /// The profile as the table's is read: an <c>image</c> column and a <c>label</c> column (the
    /// target), with the image set's own section beside them.
    /// </summary>
    public static DatasetProfile Profile(ImageSet set)
    {
        var classes = set.Labels.GroupBy(l => l, StringComparer.Ordinal)
            .Select(g => new CategoryCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)
            .ToArray();
        var brightness = new double[set.Count];
        var contrast = new double[set.Count];
        for (var i = 0; i < set.Count; i++) (brightness[i], contrast[i]) = ImageStatistics.Of(set.Image(i));

        var thumbnails = new List<ImageThumbnail>();
        foreach (var label in classes.Take(ClassesWithThumbnails).Select(c => c.Value).Order(StringComparer.Ordinal))
        {
            var taken = 0;
            for (var i = 0; i < set.Count && taken < ThumbnailsPerClass; i++)
            {
                if (set.Labels[i] != label) continue;
                thumbnails.Add(new ImageThumbnail(label, set.Sources[i], Convert.ToBase64String(ImageDecoder.EncodePng(set.Image(i), set.Shape))));
                taken++;
            }
        }

        var images = new ColumnProfile(ImageColumn, ColumnKind.Image, false, set.Count, 0, set.Count, false, null, [], []);
        var labels = new ColumnProfile(LabelColumn, ColumnKind.Categorical, false, set.Count, 0, classes.Length, false, null, [],
            [.. classes.Take(DatasetProfiler.TopCategoryCount)]);
        var section = new ImageSetProfile(set.Format, set.Count, set.Shape, classes, [.. set.SourceSizes.Take(SourceSizesShown)],
            Summary(brightness), Summary(contrast), thumbnails);
        return new DatasetProfile(set.Count, [images, labels]) { Images = section };
    }

    private static NumericSummary Summary(double[] values)
    {
        if (values.Length == 0) return new NumericSummary(0, 0, 0, 0);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return new NumericSummary(Math.Round(values.Min(), 4), Math.Round(values.Max(), 4), Math.Round(mean, 4), Math.Round(Math.Sqrt(variance), 4));
    }
}

/// <summary>
/// The simple statistics image drift watches: mean brightness and contrast (standard deviation) of
/// the pixels, both on 0–1, and the size the image came in. A model's drift reference names them
/// <c>{input}.{statistic}</c>, e.g. <c>image.brightness</c>.
/// </summary>
public static class ImageStatistics
{
    public const string Brightness = "brightness";
    public const string Contrast = "contrast";
    public const string Width = "width";
    public const string Height = "height";
    public static IReadOnlyList<string> All { get; } = [Brightness, Contrast, Width, Height];

    public static string FeatureName(string input, string statistic) => $"{input}.{statistic}";

    /// <summary>The input and statistic a reference feature's name stands for, if it names one of <see cref="All"/>.</summary>
    public static (string Input, string Statistic)? Parse(string feature)
    {
        var dot = feature.LastIndexOf('.');
        return dot > 0 && All.Contains(feature[(dot + 1)..]) ? (feature[..dot], feature[(dot + 1)..]) : null;
    }

    public static (double Brightness, double Contrast) Of(ReadOnlySpan<byte> pixels)
    {
        if (pixels.IsEmpty) return (0, 0);
        long sum = 0, squares = 0;
        foreach (var p in pixels)
        {
            sum += p;
            squares += p * p;
        }
        var mean = (double)sum / pixels.Length;
        var variance = Math.Max(0, (double)squares / pixels.Length - mean * mean);
        return (mean / 255, Math.Sqrt(variance) / 255);
    }
}
