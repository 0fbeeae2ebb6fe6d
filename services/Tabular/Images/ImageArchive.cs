using System.IO.Compression;

namespace Platform.Tabular.Images;

/// <summary>
/// Reads an uploaded image dataset: a zip archive holding either an IDX image file and an IDX label
/// file (MNIST's format, gzipped or not, with an optional <c>classes.txt</c> naming label 0, 1, … one
/// per line), or images (PNG, JPEG) with a CSV manifest of file and label, or images in one folder per
/// class. Every image is decoded (<see cref="ImageDecoder"/>): one that cannot be is refused by its
/// entry's name, and nothing is kept. All are brought to one shape, the most common size scaled down
/// to <see cref="ImageLimits.MaxSide"/> and to multiples of 4 (two 2×2 poolings), in grayscale when
/// every image is gray, otherwise RGB. Entries are read in name order (a manifest in its own order),
/// so the same archive always gives the same set.
/// </summary>
public static class ImageArchive
{
    private const long MaxImageEntryBytes = 64L << 20;
    private const long MaxIdxEntryBytes = 1L << 30;
    private const int MaxLabelCharacters = 200;
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];
    private static readonly string[] FileColumns = ["file", "image", "path", "filename"];
    private static readonly string[] LabelColumns = ["label", "class", "category"];
    public const string ClassNamesEntry = "classes.txt";

    /// <summary>Whether the content starts as a zip archive does (a local file header); reads its first four bytes.</summary>
    public static bool StartsAsArchive(Stream content)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = content.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        return read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    /// <summary>Whether the content <paramref name="open"/> opens is an archive (see <see cref="StartsAsArchive"/>).</summary>
    public static bool IsArchive(Func<Stream> open)
    {
        using var content = open();
        return StartsAsArchive(content);
    }

    /// <summary>Reads content that cannot seek (a decrypting stream) through a temporary file, which a zip's directory at its end needs.</summary>
    public static ImageSet Read(Func<Stream> open, ImageLimits limits, CancellationToken ct = default)
    {
        using var content = open();
        if (content.CanSeek) return Read(content, limits, ct);
        using var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        content.CopyTo(copy);
        copy.Position = 0;
        return Read(copy, limits, ct);
    }

    public static ImageSet Read(Stream content, ImageLimits limits, CancellationToken ct = default)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new ImageArchiveException(null, $"the upload is not a readable zip archive ({ex.Message})");
        }
        using (zip)
        {
            var entries = zip.Entries
                .Where(e => e.Length > 0 && !e.FullName.EndsWith('/') && !Hidden(e.FullName))
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .ToArray();
            var images = entries.FirstOrDefault(e => IsIdx(e.FullName, "idx3"));
            if (images is not null) return ReadIdx(entries, images, limits);
            var manifests = entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToArray();
            if (manifests.Length > 1)
                throw new ImageArchiveException(manifests[1].FullName, $"the archive has {manifests.Length} CSV files; a manifest archive has one ({manifests[0].FullName})");
            var labelled = manifests.Length == 1 ? FromManifest(entries, manifests[0]) : FromFolders(entries);
            return Decode(labelled, manifests.Length == 1 ? ImageSetFormats.Manifest : ImageSetFormats.Folders, limits, ct);
        }
    }

    // macOS archives carry __MACOSX/ shadows and .DS_Store files; any dot-file is not data.
    private static bool Hidden(string path) =>
        path.StartsWith("__MACOSX/", StringComparison.Ordinal) || path.Split('/').Any(part => part.StartsWith('.'));

    private static bool IsIdx(string path, string kind)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return name.EndsWith($"-{kind}-ubyte", StringComparison.OrdinalIgnoreCase) || name.EndsWith($".{kind}-ubyte", StringComparison.OrdinalIgnoreCase);
    }

    private static ImageSet ReadIdx(ZipArchiveEntry[] entries, ZipArchiveEntry imageEntry, ImageLimits limits)
    {
        var imageFiles = entries.Where(e => IsIdx(e.FullName, "idx3")).ToArray();
        if (imageFiles.Length > 1)
            throw new ImageArchiveException(imageFiles[1].FullName, $"the archive has {imageFiles.Length} IDX image files; an IDX archive has one, with its label file");
        var labelFiles = entries.Where(e => IsIdx(e.FullName, "idx1")).ToArray();
        if (labelFiles.Length != 1)
            throw new ImageArchiveException(imageEntry.FullName, labelFiles.Length == 0
                ? "the IDX images have no label file (a …-idx1-ubyte entry) beside them"
                : $"the archive has {labelFiles.Length} IDX label files; an IDX archive has one");

        GrayImages gray;
        byte[] labels;
        try
        {
            using (var stream = Open(imageEntry, MaxIdxEntryBytes))
                gray = IdxFile.ReadImages(stream, limits.MaxImages + 1);
        }
        catch (InvalidDataException ex) { throw new ImageArchiveException(imageEntry.FullName, ex.Message); }
        if (gray.Count > limits.MaxImages)
            throw new ImageArchiveException(imageEntry.FullName, $"the archive has more than {limits.MaxImages:N0} images", limit: nameof(ImageLimits.MaxImages), maximum: limits.MaxImages);
        try
        {
            using var stream = Open(labelFiles[0], MaxIdxEntryBytes);
            labels = IdxFile.ReadLabels(stream, gray.Count + 1);
        }
        catch (InvalidDataException ex) { throw new ImageArchiveException(labelFiles[0].FullName, ex.Message); }
        if (labels.Length != gray.Count)
            throw new ImageArchiveException(labelFiles[0].FullName, $"has {labels.Length:N0} labels for {gray.Count:N0} images: each image needs one");

        var names = ClassNames(entries, labels);
        var source = new ImageShape(1, gray.Rows, gray.Columns);
        var shape = Fit(gray.Columns, gray.Rows, 1, limits);
        var pixels = shape == source ? gray.Pixels : Resample(gray, source, shape);
        var sources = Enumerable.Range(0, gray.Count).Select(i => $"{imageEntry.FullName}#{i}").ToArray();
        return new ImageSet(ImageSetFormats.Idx, shape, pixels, [.. labels.Select(l => names[l])], sources,
            [new ImageSizeCount(gray.Columns, gray.Rows, gray.Count)])
        {
            SourceWidths = Enumerable.Repeat(gray.Columns, gray.Count).ToArray(),
            SourceHeights = Enumerable.Repeat(gray.Rows, gray.Count).ToArray(),
        };
    }

    /// <summary>Each label's class name: its line in classes.txt, or the number itself.</summary>
    private static string[] ClassNames(ZipArchiveEntry[] entries, byte[] labels)
    {
        var names = Enumerable.Range(0, 256).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var file = entries.FirstOrDefault(e => Path.GetFileName(e.FullName).Equals(ClassNamesEntry, StringComparison.OrdinalIgnoreCase));
        if (file is null) return names;
        using var reader = new StreamReader(Open(file, 1L << 20));
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var highest = labels.Max();
        if (lines.Count <= highest)
            throw new ImageArchiveException(file.FullName, $"names {lines.Count} classes, but the labels go up to {highest}: one line per label 0, 1, …");
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length is 0 or > MaxLabelCharacters)
                throw new ImageArchiveException(file.FullName, $"line {i + 1} must name class {i} in 1 to {MaxLabelCharacters} characters", row: i + 1);
            names[i] = lines[i];
        }
        var duplicate = lines.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ImageArchiveException(file.FullName, $"names the class '{duplicate.Key}' twice");
        return names;
    }

    private static (ZipArchiveEntry Entry, string Label)[] FromFolders(ZipArchiveEntry[] entries)
    {
        var images = entries.Where(e => IsImage(e.FullName)).ToArray();
        if (images.Length == 0)
            throw new ImageArchiveException(null, "the archive holds no images: a folder per class of PNG or JPEG files, images with a CSV manifest, or IDX files are read");
        var other = entries.FirstOrDefault(e => !IsImage(e.FullName));
        if (other is not null)
            throw new ImageArchiveException(other.FullName, "is not a PNG or JPEG image; a folder-per-class archive holds only images");
        return [.. images.Select(e =>
        {
            var folder = Path.GetDirectoryName(e.FullName)?.Replace('\\', '/');
            if (string.IsNullOrEmpty(folder))
                throw new ImageArchiveException(e.FullName, "is in no folder: each image goes in the folder named for its class");
            return (e, Label(Path.GetFileName(folder), e.FullName, null));
        })];
    }

    private static (ZipArchiveEntry Entry, string Label)[] FromManifest(ZipArchiveEntry[] entries, ZipArchiveEntry manifest)
    {
        var byPath = entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(manifest.FullName)?.Replace('\\', '/') is { Length: > 0 } f ? f + "/" : "";
        var labelled = new List<(ZipArchiveEntry, string)>();
        try
        {
            using var stream = Open(manifest, 256L << 20);
            var reader = CsvTableReader.Open(stream, new CsvLimits(100, 4_000, 10_000_000));
            var fileColumn = FindColumn(reader.Columns, FileColumns, manifest.FullName);
            var labelColumn = FindColumn(reader.Columns, LabelColumns, manifest.FullName);
            foreach (var record in reader.ReadRecords())
            {
                var path = record.Values[fileColumn]?.Trim().Replace('\\', '/').TrimStart('/');
                if (string.IsNullOrEmpty(path))
                    throw new ImageArchiveException(manifest.FullName, $"names no file in column '{reader.Columns[fileColumn]}'", record.Row);
                var entry = byPath.GetValueOrDefault(folder + path) ?? byPath.GetValueOrDefault(path)
                    ?? throw new ImageArchiveException(manifest.FullName, $"names '{path}', which is not in the archive", record.Row);
                if (!IsImage(entry.FullName))
                    throw new ImageArchiveException(manifest.FullName, $"names '{path}', which is not a PNG or JPEG file", record.Row);
                labelled.Add((entry, Label(record.Values[labelColumn]?.Trim(), manifest.FullName, record.Row)));
            }
        }
        catch (CsvFormatException ex)
        {
            throw new ImageArchiveException(manifest.FullName, ex.Reason, ex.Row);
        }
        if (labelled.Count == 0) throw new ImageArchiveException(manifest.FullName, "the manifest names no images");
        return [.. labelled];
    }

    private static int FindColumn(IReadOnlyList<string> columns, string[] names, string manifest)
    {
        for (var i = 0; i < columns.Count; i++)
            if (names.Contains(columns[i].Trim(), StringComparer.OrdinalIgnoreCase)) return i;
        throw new ImageArchiveException(manifest, $"the manifest's header ({string.Join(", ", columns)}) has no column named {string.Join(" or ", names)}", 1);
    }

    private static string Label(string? label, string where, long? row) =>
        string.IsNullOrEmpty(label) ? throw new ImageArchiveException(where, "has no label", row)
        : label.Length > MaxLabelCharacters ? throw new ImageArchiveException(where, $"has a label of {label.Length} characters; at most {MaxLabelCharacters} are kept", row)
        : label;

    private static bool IsImage(string path) => ImageExtensions.Any(x => path.EndsWith(x, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Two passes: the headers alone give every size (the shape is the commonest); then each image is
    /// decoded into RGB at that shape, kept as gray when all of them turn out gray.
    /// </summary>
    private static ImageSet Decode((ZipArchiveEntry Entry, string Label)[] labelled, string format, ImageLimits limits, CancellationToken ct)
    {
        if (labelled.Length > limits.MaxImages)
            throw new ImageArchiveException(null, $"the archive has {labelled.Length:N0} images; at most {limits.MaxImages:N0} are accepted",
                limit: nameof(ImageLimits.MaxImages), maximum: limits.MaxImages);

        var sizes = new Dictionary<(int Width, int Height), long>();
        var (widths, heights) = (new int[labelled.Length], new int[labelled.Length]);
        var rgb = Array.Empty<byte>();
        var gray = true;
        ImageShape? shape = null;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < labelled.Length; i++)
            {
                if ((i & 0xFF) == 0) ct.ThrowIfCancellationRequested();
                var entry = labelled[i].Entry;
                byte[] bytes;
                using (var stream = Open(entry, MaxImageEntryBytes))
                {
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    bytes = copy.ToArray();
                }
                try
                {
                    if (pass == 0)
                    {
                        // Headers only: the sizes decide the shape before any image is decoded.
                        var size = ImageDecoder.Probe(bytes, limits.MaxSourcePixels);
                        sizes[size] = sizes.GetValueOrDefault(size) + 1;
                        (widths[i], heights[i]) = size;
                        continue;
                    }
                    using var image = ImageDecoder.Decode(bytes, limits.MaxSourcePixels);
                    gray &= image.Gray;
                    ImageDecoder.ToPixels(image, shape!, rgb.AsSpan(i * shape!.Values, shape.Values));
                }
                catch (ImageTooLargeException ex)
                {
                    throw new ImageArchiveException(entry.FullName, ex.Message, limit: nameof(ImageLimits.MaxSourcePixels), maximum: ex.Maximum);
                }
                catch (InvalidDataException ex)
                {
                    throw new ImageArchiveException(entry.FullName, ex.Message);
                }
            }
            if (pass == 0)
            {
                var common = sizes.OrderByDescending(s => s.Value).ThenByDescending(s => s.Key.Width * s.Key.Height).First().Key;
                shape = Fit(common.Width, common.Height, 3, limits);
                rgb = new byte[(long)labelled.Length * shape.Values > Array.MaxLength
                    ? throw new ImageArchiveException(null, $"{labelled.Length:N0} images of {shape} are more pixels than one array holds")
                    : labelled.Length * shape.Values];
            }
        }
        var (finalShape, pixels) = gray ? (shape! with { Channels = 1 }, FirstPlane(rgb, shape!)) : (shape!, rgb);
        return new ImageSet(format, finalShape, pixels, [.. labelled.Select(l => l.Label)], [.. labelled.Select(l => l.Entry.FullName)],
            [.. sizes.OrderByDescending(s => s.Value).Select(s => new ImageSizeCount(s.Key.Width, s.Key.Height, s.Value))])
        {
            SourceWidths = widths,
            SourceHeights = heights,
        };
    }

    /// <summary>The size images are brought to: the source size scaled down to the limit's side, each side a multiple of 4.</summary>
    private static ImageShape Fit(int width, int height, int channels, ImageLimits limits)
    {
        var scale = Math.Min(1.0, (double)limits.MaxSide / Math.Max(width, height));
        static int Side(double side) => Math.Max(4, (int)Math.Round(side) / 4 * 4);
        return new ImageShape(channels, Side(height * scale), Side(width * scale));
    }

    private static byte[] FirstPlane(byte[] rgb, ImageShape shape)
    {
        var count = rgb.Length / shape.Values;
        var plane = shape.Height * shape.Width;
        var gray = new byte[count * plane];
        for (var i = 0; i < count; i++) rgb.AsSpan(i * shape.Values, plane).CopyTo(gray.AsSpan(i * plane));
        return gray;
    }

    private static byte[] Resample(GrayImages images, ImageShape from, ImageShape to)
    {
        var pixels = new byte[images.Count * to.Values];
        for (var i = 0; i < images.Count; i++)
        {
            using var image = ImageDecoder.FromPixels(images.Image(i), from);
            ImageDecoder.ToPixels(image, to, pixels.AsSpan(i * to.Values, to.Values));
        }
        return pixels;
    }

    /// <summary>An entry's content, refused when it claims more than <paramref name="maxBytes"/> (a zip bomb's entry does).</summary>
    private static Stream Open(ZipArchiveEntry entry, long maxBytes) =>
        entry.Length > maxBytes
            ? throw new ImageArchiveException(entry.FullName, $"is {entry.Length:N0} bytes uncompressed; at most {maxBytes:N0} are read from one entry")
            : entry.Open();
}
